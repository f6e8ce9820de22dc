# purpose: deleteheader :index past the end is a no-op; :index counts added fields too
require ["editheader", "index", "fileinto", "relational", "comparator-i;ascii-numeric"];
deleteheader :index 5 "X-A";
addheader "X-A" "new-first";
deleteheader :index 2 "X-A";
if header :count "eq" :comparator "i;ascii-numeric" "X-A" "2" {
  fileinto "count-2-yes";
} else {
  fileinto "count-2-no";
}
if header :index 1 :is "X-A" "new-first" {
  fileinto "first-is-new-yes";
} else {
  fileinto "first-is-new-no";
}
if header :index 2 :is "X-A" "a2" {
  fileinto "second-is-a2-yes";
} else {
  fileinto "second-is-a2-no";
}
