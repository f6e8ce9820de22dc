# purpose: body :content / :text inside a forwarded message/rfc822 with its own multipart
require ["body", "fileinto"];
if body :content "text/plain" :contains "deep-plain-marker" {
  fileinto "inner-plain-yes";
} else {
  fileinto "inner-plain-no";
}
if body :text :contains "deep-html-marker" {
  fileinto "inner-html-text-yes";
} else {
  fileinto "inner-html-text-no";
}
if body :content "multipart/alternative" :contains "deep-preamble" {
  fileinto "inner-multipart-content-yes";
} else {
  fileinto "inner-multipart-content-no";
}
if body :content "message/rfc822" :contains "Subject: deep" {
  fileinto "message-headers-yes";
} else {
  fileinto "message-headers-no";
}
