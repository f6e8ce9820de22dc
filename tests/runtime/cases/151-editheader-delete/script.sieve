require ["editheader", "fileinto"];
deleteheader "X-Spam-Flag";
if exists "X-Spam-Flag" {
  fileinto "gone-yes";
} else {
  fileinto "gone-no";
}
if exists "Subject" {
  fileinto "other-yes";
} else {
  fileinto "other-no";
}
