# purpose: fresh store: nothing is a duplicate in a dry run
require ["duplicate", "fileinto"];
if duplicate {
  fileinto "dup-yes";
} else {
  fileinto "dup-no";
}
if duplicate :header "Subject" {
  fileinto "dup-header-yes";
} else {
  fileinto "dup-header-no";
}
