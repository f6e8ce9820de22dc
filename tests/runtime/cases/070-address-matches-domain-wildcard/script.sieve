require ["fileinto"];
if address :matches :domain "From" "*.example.com" {
  fileinto "sub-yes";
} else {
  fileinto "sub-no";
}
if address :matches "From" "*@*.example.com" {
  fileinto "all-yes";
} else {
  fileinto "all-no";
}
if address :matches :domain "From" "example.com" {
  fileinto "root-yes";
} else {
  fileinto "root-no";
}
