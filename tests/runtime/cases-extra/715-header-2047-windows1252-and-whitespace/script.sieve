# purpose: RFC 2047: windows-1252, Q underscores vs =5F, plain text between encoded words
require ["fileinto", "variables"];
if header :is "Subject" "“Smart” quotes – and € sign" {
  fileinto "cp1252-quotes-yes";
} else {
  fileinto "cp1252-quotes-no";
}
if header :is "X-Q" "a b_c" {
  fileinto "q-underscore-yes";
} else {
  fileinto "q-underscore-no";
}
if header :is "X-Mix" "Grüße aus Köln" {
  fileinto "word-then-text-yes";
} else {
  fileinto "word-then-text-no";
}
if header :is "X-Mix2" "Ä und Ö" {
  fileinto "text-between-words-yes";
} else {
  fileinto "text-between-words-no";
}
if header :matches "X-Mix" "Gr??e*" { fileinto "q2=${1}${2}|${3}"; }
