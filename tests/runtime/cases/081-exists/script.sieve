require ["fileinto"];
if exists "Subject" {
  fileinto "one-yes";
} else {
  fileinto "one-no";
}
if exists ["Subject", "From"] {
  fileinto "all-two-yes";
} else {
  fileinto "all-two-no";
}
if exists ["Subject", "X-Missing"] {
  fileinto "one-missing-yes";
} else {
  fileinto "one-missing-no";
}
if exists "X-Empty" {
  fileinto "empty-value-yes";
} else {
  fileinto "empty-value-no";
}
