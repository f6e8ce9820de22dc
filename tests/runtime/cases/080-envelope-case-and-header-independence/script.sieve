require ["fileinto", "envelope"];
if envelope :is "FROM" "ALICE@EXAMPLE.COM" {
  fileinto "upper-yes";
} else {
  fileinto "upper-no";
}
if envelope :is :comparator "i;octet" "from" "Alice@Example.com" {
  fileinto "octet-yes";
} else {
  fileinto "octet-no";
}
