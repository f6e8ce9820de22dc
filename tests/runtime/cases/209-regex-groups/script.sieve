require ["regex", "variables", "fileinto"];
if header :regex "Subject" "^(Quarterly) ([a-z]+)$" { fileinto "0=${0}|1=${1}|2=${2}"; }
