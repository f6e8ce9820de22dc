require ["fileinto"];
if header :is "subject" "nope" {
  fileinto "one";
} elsif header :contains "subject" "QUARTERLY" {
  fileinto "two";
} elsif true {
  fileinto "three";
} else {
  fileinto "four";
}
