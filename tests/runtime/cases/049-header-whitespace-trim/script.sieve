require ["fileinto"];
if header :is "Subject" "padded value" {
  fileinto "trim-yes";
} else {
  fileinto "trim-no";
}
if header :is "X-Inner" "a  b" {
  fileinto "inner-yes";
} else {
  fileinto "inner-no";
}
if header :is "X-Tab" "x	y" {
  fileinto "tab-yes";
} else {
  fileinto "tab-no";
}
