# purpose: QP with an invalid escape, lower-case hex, soft break after spaces; base64 with short lines
require ["body", "fileinto"];
if body :content "text/plain" :contains "=ZZ invalid" {
  fileinto "qp-invalid-kept-yes";
} else {
  fileinto "qp-invalid-kept-no";
}
if body :content "text/plain" :contains "café" {
  fileinto "qp-lowercase-hex-yes";
} else {
  fileinto "qp-lowercase-hex-no";
}
if body :content "text/plain" :contains "joined-here" {
  fileinto "qp-trailing-space-soft-yes";
} else {
  fileinto "qp-trailing-space-soft-no";
}
if body :content "text/html" :contains "irregular-base64-marker" {
  fileinto "b64-irregular-yes";
} else {
  fileinto "b64-irregular-no";
}
