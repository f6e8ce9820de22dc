# purpose: RFC 2047 display names in address headers (header sees decoded text, address ignores it)
require ["fileinto", "variables"];
if header :contains "From" "Jürgen" {
  fileinto "header-from-decoded-yes";
} else {
  fileinto "header-from-decoded-no";
}
if header :contains "To" "Müller, Hans" {
  fileinto "header-from-quoted-yes";
} else {
  fileinto "header-from-quoted-no";
}
if address :is "From" "juergen@example.de" {
  fileinto "address-from-yes";
} else {
  fileinto "address-from-no";
}
if address :matches "To" "*@example.de" {
  fileinto "address-to-count-2-yes";
} else {
  fileinto "address-to-count-2-no";
}
if header :matches "From" "* <*>" { fileinto "name=${1} addr=${2}"; }
