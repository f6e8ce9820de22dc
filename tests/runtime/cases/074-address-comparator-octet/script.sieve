require ["fileinto"];
if address :is :comparator "i;octet" :domain "From" "EXAMPLE.COM" {
  fileinto "octet-upper-yes";
} else {
  fileinto "octet-upper-no";
}
if address :is :comparator "i;octet" :domain "From" "example.com" {
  fileinto "octet-lower-yes";
} else {
  fileinto "octet-lower-no";
}
