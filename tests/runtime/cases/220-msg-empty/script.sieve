# purpose: zero-byte message
require ["fileinto"];
if exists "Subject" {
  fileinto "subject-yes";
} else {
  fileinto "subject-no";
}
if size :under 1 {
  fileinto "size-under-1-yes";
} else {
  fileinto "size-under-1-no";
}
