require ["fileinto", "body"];
if body :contains "quarterly numbers" {
  fileinto "text-yes";
} else {
  fileinto "text-no";
}
if body :contains "QUARTERLY" {
  fileinto "case-yes";
} else {
  fileinto "case-no";
}
if body :contains "Subject" {
  fileinto "header-not-body-yes";
} else {
  fileinto "header-not-body-no";
}
