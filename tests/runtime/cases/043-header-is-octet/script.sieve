require ["fileinto"];
if header :is :comparator "i;octet" "Subject" "quarterly report" {
  fileinto "octet-case-yes";
} else {
  fileinto "octet-case-no";
}
if header :is :comparator "i;octet" "Subject" "Quarterly report" {
  fileinto "octet-exact-yes";
} else {
  fileinto "octet-exact-no";
}
