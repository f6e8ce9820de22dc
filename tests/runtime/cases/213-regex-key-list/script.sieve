require ["regex", "variables", "fileinto"];
if header :regex "Subject" ["^nomatch(.*)", "^Q(uar)"] { fileinto "1=${1}"; }
