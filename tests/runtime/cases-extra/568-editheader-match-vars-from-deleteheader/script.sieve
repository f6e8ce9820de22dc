# purpose: deleteheader :matches does not set match variables (RFC 5293 5 / RFC 5229 3.2)
require ["editheader", "variables", "fileinto"];
if header :matches "Subject" "Q*ly *" { set "x" "${1}-${2}"; }
deleteheader :matches "Subject" "*report";
fileinto "x=${x} 1=${1}";
if not exists "Subject" {
  fileinto "subject-gone-yes";
} else {
  fileinto "subject-gone-no";
}
