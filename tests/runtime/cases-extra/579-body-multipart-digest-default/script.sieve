# purpose: multipart/digest: a part without Content-Type is message/rfc822 (RFC 2046 5.1.5)
require ["body", "fileinto"];
if body :text :contains "digest-entry-marker" {
  fileinto "digest-part-text-yes";
} else {
  fileinto "digest-part-text-no";
}
if body :content "message/rfc822" :contains "Digest entry" {
  fileinto "digest-content-message-yes";
} else {
  fileinto "digest-content-message-no";
}
