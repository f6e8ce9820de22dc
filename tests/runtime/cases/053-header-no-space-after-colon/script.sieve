require ["fileinto"];
if header :is "X-Tight" "value" {
  fileinto "nospace-yes";
} else {
  fileinto "nospace-no";
}
if header :is "X-Sp" "val" {
  fileinto "spaces-before-colon-yes";
} else {
  fileinto "spaces-before-colon-no";
}
