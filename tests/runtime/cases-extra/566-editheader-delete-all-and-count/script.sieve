# purpose: delete every instance (also an empty one) and re-add
require ["editheader", "fileinto", "relational", "comparator-i;ascii-numeric"];
deleteheader "X-Spam-Flag";
deleteheader :matches "X-Spam-Report" "*";
addheader "X-Spam-Flag" "NO";
if header :count "eq" :comparator "i;ascii-numeric" "X-Spam-Flag" "1" {
  fileinto "flag-count-1-yes";
} else {
  fileinto "flag-count-1-no";
}
if header :is "X-Spam-Flag" "NO" {
  fileinto "flag-no-yes";
} else {
  fileinto "flag-no-no";
}
if not exists "X-Spam-Report" {
  fileinto "report-gone-yes";
} else {
  fileinto "report-gone-no";
}
