# purpose: RFC 5293 5: :index selects one field, then the value pattern must match it
require ["editheader", "index", "fileinto", "variables"];
deleteheader :index 2 :matches "X-A" "b*";
deleteheader :index 1 :matches "X-B" "zzz*";
if header :matches "X-A" "*" { fileinto "xa-any"; }
if header :is "X-A" "bee" {
  fileinto "xa-bee-kept-yes";
} else {
  fileinto "xa-bee-kept-no";
}
if header :is "X-A" "bob" {
  fileinto "xa-bob-kept-yes";
} else {
  fileinto "xa-bob-kept-no";
}
if header :is "X-B" "abc" {
  fileinto "xb-kept-yes";
} else {
  fileinto "xb-kept-no";
}
