require ["fileinto"];
if address :contains "Cc" "" {
  fileinto "cc-yes";
} else {
  fileinto "cc-no";
}
if not address :contains "Cc" "" {
  fileinto "not-cc-yes";
} else {
  fileinto "not-cc-no";
}
