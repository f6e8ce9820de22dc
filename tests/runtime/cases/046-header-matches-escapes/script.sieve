# purpose: \\* and \\? in :matches keys are literal; \\\\ is a literal backslash
require ["fileinto"];
if header :matches "Subject" "Win \\* now" {
  fileinto "lit-star-yes";
} else {
  fileinto "lit-star-no";
}
if header :matches "Subject" "Win \\* no?" {
  fileinto "lit-star-nomatch-yes";
} else {
  fileinto "lit-star-nomatch-no";
}
if header :matches "Subject" "*really\\?" {
  fileinto "lit-q-yes";
} else {
  fileinto "lit-q-no";
}
if header :matches "Subject" "Win * now*" {
  fileinto "plain-star-yes";
} else {
  fileinto "plain-star-no";
}
if header :matches "X-Path" "C:\\\\temp\\\\*" {
  fileinto "backslash-yes";
} else {
  fileinto "backslash-no";
}
