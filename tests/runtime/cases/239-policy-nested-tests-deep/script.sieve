require ["fileinto"];
if allof(anyof(not false, false), not not true, allof(true, anyof(exists "Subject", false))) {
  fileinto "deep-yes";
} else {
  fileinto "deep-no";
}
