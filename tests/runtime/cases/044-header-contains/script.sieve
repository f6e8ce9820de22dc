require ["fileinto"];
if header :contains "Subject" "terly rep" {
  fileinto "c1-yes";
} else {
  fileinto "c1-no";
}
if header :contains "Subject" "REPORT" {
  fileinto "c2-yes";
} else {
  fileinto "c2-no";
}
if header :contains :comparator "i;octet" "Subject" "REPORT" {
  fileinto "c3-yes";
} else {
  fileinto "c3-no";
}
if header :contains "Subject" "" {
  fileinto "c-empty-yes";
} else {
  fileinto "c-empty-no";
}
if header :contains "X-Missing" "" {
  fileinto "c-missing-hdr-yes";
} else {
  fileinto "c-missing-hdr-no";
}
