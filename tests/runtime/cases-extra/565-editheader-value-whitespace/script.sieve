# purpose: added values with surrounding whitespace and an empty value
require ["editheader", "fileinto"];
addheader "X-Pad" "  padded value  ";
addheader "X-Empty" "";
if header :is "X-Pad" "padded value" {
  fileinto "pad-trimmed-yes";
} else {
  fileinto "pad-trimmed-no";
}
if header :is "X-Pad" "  padded value  " {
  fileinto "pad-raw-yes";
} else {
  fileinto "pad-raw-no";
}
if exists "X-Empty" {
  fileinto "empty-exists-yes";
} else {
  fileinto "empty-exists-no";
}
if header :is "X-Empty" "" {
  fileinto "empty-is-empty-yes";
} else {
  fileinto "empty-is-empty-no";
}
