require ["fileinto"];
if allof(true, header :contains "Subject" "report") {
  fileinto "allof-tt-yes";
} else {
  fileinto "allof-tt-no";
}
if allof(true, false) {
  fileinto "allof-tf-yes";
} else {
  fileinto "allof-tf-no";
}
if anyof(false, true) {
  fileinto "anyof-ft-yes";
} else {
  fileinto "anyof-ft-no";
}
if anyof(false, false) {
  fileinto "anyof-ff-yes";
} else {
  fileinto "anyof-ff-no";
}
if not anyof(false, false) {
  fileinto "not-anyof-yes";
} else {
  fileinto "not-anyof-no";
}
if allof(anyof(false, exists "From"), not allof(true, false)) {
  fileinto "nested-yes";
} else {
  fileinto "nested-no";
}
