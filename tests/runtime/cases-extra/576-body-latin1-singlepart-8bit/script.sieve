# purpose: 8-bit ISO-8859-1 body converted to UTF-8 for :text
require ["body", "fileinto"];
if body :contains "Grüße" {
  fileinto "utf8-key-yes";
} else {
  fileinto "utf8-key-no";
}
if body :raw :contains "Gr" {
  fileinto "raw-latin1-yes";
} else {
  fileinto "raw-latin1-no";
}
