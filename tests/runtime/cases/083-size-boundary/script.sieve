# purpose: message is exactly 200 bytes with CRLF: neither :over 200 nor :under 200
require ["fileinto"];
if size :over 200 {
  fileinto "over-exact-yes";
} else {
  fileinto "over-exact-no";
}
if size :under 200 {
  fileinto "under-exact-yes";
} else {
  fileinto "under-exact-no";
}
if size :over 199 {
  fileinto "over-minus1-yes";
} else {
  fileinto "over-minus1-no";
}
if size :under 201 {
  fileinto "under-plus1-yes";
} else {
  fileinto "under-plus1-no";
}
