# purpose: regex extension: groups into match variables, comparator case handling
require ["regex", "fileinto", "variables"];
if header :regex "Subject" "^(Q[a-z]+) (r.*)$" { fileinto "g1=${1} g2=${2}"; }
if header :regex "Subject" "^quarterly" {
  fileinto "regex-casemap-yes";
} else {
  fileinto "regex-casemap-no";
}
if header :regex :comparator "i;octet" "Subject" "^quarterly" {
  fileinto "regex-octet-yes";
} else {
  fileinto "regex-octet-no";
}
if address :regex :domain "From" "^([^.]+)\\.(.*)$" { fileinto "dom=${1}|${2}"; }
