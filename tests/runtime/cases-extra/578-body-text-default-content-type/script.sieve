# purpose: no Content-Type: defaults to text/plain; charset=us-ascii (RFC 2045 5.2)
require ["body", "fileinto"];
if body :text :contains "plain by default" {
  fileinto "text-no-ctype-yes";
} else {
  fileinto "text-no-ctype-no";
}
if body :content "text/plain" :contains "plain by default" {
  fileinto "content-text-plain-no-ctype-yes";
} else {
  fileinto "content-text-plain-no-ctype-no";
}
