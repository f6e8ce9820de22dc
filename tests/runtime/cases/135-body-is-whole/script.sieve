# purpose: does :is compare the whole body including final CRLF?
require ["fileinto", "body"];
if body :is "one line" {
  fileinto "is-exact-yes";
} else {
  fileinto "is-exact-no";
}
if body :is text:
one line
.
 {
  fileinto "is-crlf-yes";
} else {
  fileinto "is-crlf-no";
}
if body :matches "one line*" {
  fileinto "matches-star-yes";
} else {
  fileinto "matches-star-no";
}
