# purpose: :matches with escaped backslash, escaped ?, several * and ?, match variables
require ["fileinto", "variables"];
if header :matches "X-Path" "C:\\\\*" {
  fileinto "backslash-then-star-yes";
} else {
  fileinto "backslash-then-star-no";
}
if header :matches "X-Path" "C:\\\\*\\\\*" { fileinto "dirs=${1}|${2}"; }
if header :matches "X-Q" "what\\?" {
  fileinto "escaped-q-yes";
} else {
  fileinto "escaped-q-no";
}
if header :matches "X-Q2" "what\\?" {
  fileinto "escaped-q-vs-x-yes";
} else {
  fileinto "escaped-q-vs-x-no";
}
if header :matches "X-Q" "*\\?" { fileinto "before-q=${1}"; }
if header :matches "X-Multi" "*-*-*" { fileinto "three=${1}|${2}|${3}"; }
if header :matches "X-Multi" "?*?" { fileinto "qsq=${1}|${2}|${3}"; }
if header :matches "X-Multi" "**a*" { fileinto "double=${1}|${2}|${3}"; }
if header :matches "X-Multi" "a-b-c*" {
  fileinto "star-empty-yes";
} else {
  fileinto "star-empty-no";
}
if header :matches "X-Multi" "a-b-c?" {
  fileinto "q-needs-char-yes";
} else {
  fileinto "q-needs-char-no";
}
