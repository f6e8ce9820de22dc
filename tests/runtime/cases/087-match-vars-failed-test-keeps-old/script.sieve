# purpose: a failing :matches test does not reset ${1}
require ["fileinto", "variables"];
if header :matches "Subject" "* report" { fileinto "first=${1}"; }
if header :matches "Subject" "nomatch*" { fileinto "never"; }
fileinto "after=${1}";
