# purpose: match variables come from the test that succeeded
require ["fileinto", "variables"];
if anyof(header :matches "X-None" "*", header :matches "Subject" "Quarterly *", header :matches "From" "*") {
  fileinto "got=${1}";
}
