# purpose: :matches ? against a multi-byte UTF-8 character; casemap only folds ASCII
require ["fileinto", "variables"];
if header :matches "X-U" "caf?" {
  fileinto "q-one-char-utf8-yes";
} else {
  fileinto "q-one-char-utf8-no";
}
if header :matches "X-U" "caf??" {
  fileinto "q-two-octets-yes";
} else {
  fileinto "q-two-octets-no";
}
if header :matches "X-U" "???*" { fileinto "q=${1}${2}${3}|${4}"; }
if header :comparator "i;octet" :matches "X-U" "caf?" {
  fileinto "octet-q-one-yes";
} else {
  fileinto "octet-q-one-no";
}
if header :is "X-U" "CAFÉ" {
  fileinto "casemap-utf8-is-yes";
} else {
  fileinto "casemap-utf8-is-no";
}
if header :is "X-U" "CAFé" {
  fileinto "casemap-ascii-part-yes";
} else {
  fileinto "casemap-ascii-part-no";
}
