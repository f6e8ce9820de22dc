# purpose: a non-header line ends the header section?
require ["fileinto"];
if header :is "Subject" "after junk" {
  fileinto "subject-yes";
} else {
  fileinto "subject-no";
}
if exists "This line" {
  fileinto "junk-as-body-yes";
} else {
  fileinto "junk-as-body-no";
}
