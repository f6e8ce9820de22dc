# purpose: addheader with non-ASCII value; header tests see the decoded value
require ["editheader", "fileinto", "variables"];
addheader "X-Greeting" "Grüße aus Köln";
if header :is "X-Greeting" "Grüße aus Köln" {
  fileinto "is-utf8-yes";
} else {
  fileinto "is-utf8-no";
}
if header :contains "X-Greeting" "ö" {
  fileinto "contains-umlaut-yes";
} else {
  fileinto "contains-umlaut-no";
}
if header :matches "X-Greeting" "Gr*e *" { fileinto "m1=${1}"; }
