require ["fileinto"];
if header :is "Subject" "Grüße aus Köln" {
  fileinto "decoded-yes";
} else {
  fileinto "decoded-no";
}
if header :contains "Subject" "=?UTF-8?B?" {
  fileinto "raw-yes";
} else {
  fileinto "raw-no";
}
