require ["fileinto", "body"];
if exists "From" {
  fileinto "has-from-yes";
} else {
  fileinto "has-from-no";
}
if body :contains "only a body" {
  fileinto "body-yes";
} else {
  fileinto "body-no";
}
if address :contains "From" "" {
  fileinto "addr-yes";
} else {
  fileinto "addr-no";
}
