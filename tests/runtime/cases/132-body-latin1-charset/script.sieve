# purpose: latin-1 body decoded to UTF-8
require ["fileinto", "body"];
if body :text :contains "München" {
  fileinto "text-yes";
} else {
  fileinto "text-no";
}
