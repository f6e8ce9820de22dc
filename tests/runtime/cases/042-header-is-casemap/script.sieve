require ["fileinto"];
if header :is "Subject" "Quarterly report" {
  fileinto "is-exact-yes";
} else {
  fileinto "is-exact-no";
}
if header :is "subject" "QUARTERLY REPORT" {
  fileinto "is-case-yes";
} else {
  fileinto "is-case-no";
}
if header :is "Subject" "Quarterly" {
  fileinto "is-partial-yes";
} else {
  fileinto "is-partial-no";
}
