# purpose: addheader with an invalid field name from a variable (RFC 5293 4: run-time error)
require ["editheader", "variables", "fileinto"];
fileinto "before";
set "h" "Bad Name:";
addheader "${h}" "value";
fileinto "after";
