# purpose: unparsable address header
require ["fileinto", "variables"];
if address :matches :all "To" "*" { fileinto "all=${1}"; }
if address :contains "To" "garbage" {
  fileinto "contains-garbage-yes";
} else {
  fileinto "contains-garbage-no";
}
if header :contains "To" "garbage" {
  fileinto "header-contains-yes";
} else {
  fileinto "header-contains-no";
}
