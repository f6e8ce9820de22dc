require ["variables", "fileinto"];
set "word" "quarterly";
if header :contains "Subject" "${word}" {
  fileinto "var-key-yes";
} else {
  fileinto "var-key-no";
}
set "hdr" "subject";
if header :contains "${hdr}" "report" {
  fileinto "var-name-yes";
} else {
  fileinto "var-name-no";
}
