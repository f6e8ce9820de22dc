require ["fileinto", "body"];
if body :raw :contains "R3LDvMOfZSBhdXMgZGVt" {
  fileinto "raw-b64-yes";
} else {
  fileinto "raw-b64-no";
}
if body :raw :contains "secret-token-42" {
  fileinto "raw-decoded-yes";
} else {
  fileinto "raw-decoded-no";
}
if body :raw :contains "Caf=C3=A9" {
  fileinto "raw-qp-encoded-yes";
} else {
  fileinto "raw-qp-encoded-no";
}
if body :raw :contains "--outer-boundary" {
  fileinto "raw-boundary-yes";
} else {
  fileinto "raw-boundary-no";
}
