# purpose: body :matches across lines, :is whole body, CRLF in keys, comparators
require ["body", "fileinto"];
if body :text :matches "*Hi Bob*Alice*" {
  fileinto "matches-star-across-lines-yes";
} else {
  fileinto "matches-star-across-lines-no";
}
if body :text :is "Hi Bob,

please find the quarterly numbers below.

Alice
" {
  fileinto "is-whole-yes";
} else {
  fileinto "is-whole-no";
}
if body :contains "Bob,

please" {
  fileinto "contains-crlf-yes";
} else {
  fileinto "contains-crlf-no";
}
if body :contains "QUARTERLY NUMBERS" {
  fileinto "contains-case-yes";
} else {
  fileinto "contains-case-no";
}
if body :comparator "i;octet" :contains "QUARTERLY NUMBERS" {
  fileinto "contains-octet-yes";
} else {
  fileinto "contains-octet-no";
}
if body :contains "please find" {
  fileinto "default-is-text-yes";
} else {
  fileinto "default-is-text-no";
}
