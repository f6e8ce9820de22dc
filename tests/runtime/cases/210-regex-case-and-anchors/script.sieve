require ["regex", "fileinto"];
if header :regex "Subject" "^quarterly" {
  fileinto "casemap-yes";
} else {
  fileinto "casemap-no";
}
if header :regex :comparator "i;octet" "Subject" "^quarterly" {
  fileinto "octet-yes";
} else {
  fileinto "octet-no";
}
if header :regex "Subject" "terly r" {
  fileinto "unanchored-yes";
} else {
  fileinto "unanchored-no";
}
if header :regex "Subject" "^(monthly|quarterly) report$" {
  fileinto "alternation-yes";
} else {
  fileinto "alternation-no";
}
if header :regex "Message-ID" "^<[0-9]{14}\\.[0-9]+@" {
  fileinto "class-yes";
} else {
  fileinto "class-no";
}
