# purpose: address lists with empty elements, ';' separator, null address <>
require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
if address :is "To" "bob@example.org" {
  fileinto "trailing-comma-yes";
} else {
  fileinto "trailing-comma-no";
}
if address :is "Cc" "c1@example.org" {
  fileinto "semicolon-sep-yes";
} else {
  fileinto "semicolon-sep-no";
}
if address :all :is "From" "" {
  fileinto "null-from-yes";
} else {
  fileinto "null-from-no";
}
if address :all :matches "From" "*" {
  fileinto "null-from-matches-yes";
} else {
  fileinto "null-from-matches-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "To" "2" {
  fileinto "count-to-yes";
} else {
  fileinto "count-to-no";
}
if address :all :matches "Cc" "*" { fileinto "cc=${1}"; }
