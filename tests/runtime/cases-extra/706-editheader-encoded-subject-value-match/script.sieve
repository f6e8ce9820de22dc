# purpose: deleteheader value patterns are matched against the RFC 2047 decoded value
require ["editheader", "fileinto"];
deleteheader :contains "Subject" "Grüße";
if not exists "Subject" {
  fileinto "subject-gone-yes";
} else {
  fileinto "subject-gone-no";
}
deleteheader :is "X-Enc" "Café";
if not exists "X-Enc" {
  fileinto "xenc-gone-yes";
} else {
  fileinto "xenc-gone-no";
}
