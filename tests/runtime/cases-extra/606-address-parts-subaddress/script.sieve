# purpose: address :user/:detail on headers (RFC 5233 4): empty detail, no separator, double +
require ["fileinto", "subaddress", "variables"];
if address :user "To" "bob" {
  fileinto "user-bob-yes";
} else {
  fileinto "user-bob-no";
}
if address :detail "To" "lists" {
  fileinto "detail-lists-yes";
} else {
  fileinto "detail-lists-no";
}
if address :detail "From" "" {
  fileinto "detail-from-empty-yes";
} else {
  fileinto "detail-from-empty-no";
}
if address :detail "Cc" "" {
  fileinto "detail-none-yes";
} else {
  fileinto "detail-none-no";
}
if address :detail :matches "Cc" "*" {
  fileinto "detail-matches-star-none-yes";
} else {
  fileinto "detail-matches-star-none-no";
}
if address :detail :matches "To" "*" { fileinto "det=${1}"; }
if address :user :matches "Reply-To" "*" { fileinto "ruser=${1}"; }
