require ["editheader", "fileinto"];
deleteheader "subject";
if header :contains "Subject" "" {
  fileinto "subject-yes";
} else {
  fileinto "subject-no";
}
addheader "Subject" "Replaced";
if header :is "Subject" "Replaced" {
  fileinto "replaced-yes";
} else {
  fileinto "replaced-no";
}
