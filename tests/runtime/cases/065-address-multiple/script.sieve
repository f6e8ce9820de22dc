require ["fileinto"];
if address :is "To" "carol@example.net" {
  fileinto "second-yes";
} else {
  fileinto "second-no";
}
if address :is :domain "To" "example.com" {
  fileinto "domain-any-yes";
} else {
  fileinto "domain-any-no";
}
if address :is ["To", "Cc"] "dave@example.net" {
  fileinto "to-and-cc-yes";
} else {
  fileinto "to-and-cc-no";
}
