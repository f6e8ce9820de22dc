require ["regex", "variables", "fileinto"];
if header :regex "Subject" "^(x)?(Quarterly)" { fileinto "1=[${1}] 2=[${2}]"; }
