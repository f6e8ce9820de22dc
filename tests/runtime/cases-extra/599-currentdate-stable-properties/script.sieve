# purpose: currentdate properties that do not depend on the actual time
require ["date", "relational", "fileinto"];
if currentdate :value "gt" "year" "2000" {
  fileinto "year-gt-2000-yes";
} else {
  fileinto "year-gt-2000-no";
}
if currentdate :zone "+0000" :is "zone" "+0000" {
  fileinto "zone-tag-zone-yes";
} else {
  fileinto "zone-tag-zone-no";
}
if currentdate :zone "-0330" :is "zone" "-0330" {
  fileinto "zone-tag-odd-yes";
} else {
  fileinto "zone-tag-odd-no";
}
if currentdate :zone "+0000" :matches "iso8601" "????-??-??T??:??:??Z" {
  fileinto "iso-shape-yes";
} else {
  fileinto "iso-shape-no";
}
if currentdate :zone "+0000" :matches "std11" "???, ?? ??? ???? ??:??:?? +0000" {
  fileinto "std11-shape-yes";
} else {
  fileinto "std11-shape-no";
}
if currentdate :value "le" "weekday" "6" {
  fileinto "weekday-range-yes";
} else {
  fileinto "weekday-range-no";
}
if currentdate :value "gt" "julian" "59000" {
  fileinto "julian-gt-yes";
} else {
  fileinto "julian-gt-no";
}
