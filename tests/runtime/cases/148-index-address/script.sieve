# purpose: :index counts header fields, not addresses
require ["index", "fileinto"];
if address :index 1 :is "To" "bob@example.org" {
  fileinto "first-to-yes";
} else {
  fileinto "first-to-no";
}
if address :index 2 :is "To" "carol@example.net" {
  fileinto "second-to-yes";
} else {
  fileinto "second-to-no";
}
if address :index 1 :last :is "To" "carol@example.net" {
  fileinto "last-yes";
} else {
  fileinto "last-no";
}
