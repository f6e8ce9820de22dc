require ["fileinto"];
if header :is "Subject" "Café café menu" {
  fileinto "decoded-yes";
} else {
  fileinto "decoded-no";
}
