# purpose: no Content-Type = text/plain
require ["fileinto", "body"];
if body :content "text/plain" :contains "numbers" {
  fileinto "plain-yes";
} else {
  fileinto "plain-no";
}
if body :content "text" :contains "numbers" {
  fileinto "text-yes";
} else {
  fileinto "text-no";
}
