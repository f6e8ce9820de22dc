require ["fileinto"];
if header :contains "Subject" "Übersicht" {
  fileinto "utf8-yes";
} else {
  fileinto "utf8-no";
}
