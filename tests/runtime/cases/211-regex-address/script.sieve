require ["regex", "variables", "fileinto"];
if address :regex :domain "From" "^([a-z]+)\\.(com|org)$" { fileinto "name=${1} tld=${2}"; }
