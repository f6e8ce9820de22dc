# purpose: no separator -> :detail fails; 'dave+' -> empty detail
require ["fileinto", "subaddress"];
if address :is :user "To" "bob" {
  fileinto "user-yes";
} else {
  fileinto "user-no";
}
if address :is :detail "To" "lists" {
  fileinto "detail-yes";
} else {
  fileinto "detail-no";
}
if address :is :localpart "To" "bob+lists" {
  fileinto "localpart-yes";
} else {
  fileinto "localpart-no";
}
if address :is :detail "Cc" "" {
  fileinto "detail-cc-none-yes";
} else {
  fileinto "detail-cc-none-no";
}
if address :is :detail "Bcc" "" {
  fileinto "detail-empty-yes";
} else {
  fileinto "detail-empty-no";
}
if address :matches :detail "Cc" "*" {
  fileinto "detail-matches-star-nodetail-yes";
} else {
  fileinto "detail-matches-star-nodetail-no";
}
