require ["fileinto", "body"];
if body :contains "" {
  fileinto "empty-contains-yes";
} else {
  fileinto "empty-contains-no";
}
if body :is "" {
  fileinto "empty-is-yes";
} else {
  fileinto "empty-is-no";
}
if body :contains "x" {
  fileinto "x-yes";
} else {
  fileinto "x-no";
}
