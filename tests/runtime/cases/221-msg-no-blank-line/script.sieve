require ["fileinto", "body"];
if header :is "Subject" "No separator" {
  fileinto "subject-yes";
} else {
  fileinto "subject-no";
}
if body :is "" {
  fileinto "body-empty-yes";
} else {
  fileinto "body-empty-no";
}
if body :contains "" {
  fileinto "body-contains-empty-yes";
} else {
  fileinto "body-contains-empty-no";
}
if body :raw :matches "*" {
  fileinto "body-raw-any-yes";
} else {
  fileinto "body-raw-any-no";
}
