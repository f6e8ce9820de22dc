require ["fileinto"];
if header :is "x-mixed-case" "v" {
  fileinto "lower-yes";
} else {
  fileinto "lower-no";
}
if header :is "X-MIXED-CASE" "v" {
  fileinto "upper-yes";
} else {
  fileinto "upper-no";
}
