# purpose: Received cannot be deleted; can it be added?
require ["editheader", "fileinto", "relational", "comparator-i;ascii-numeric"];
deleteheader "Received";
addheader "Received" "fake";
if header :count "eq" :comparator "i;ascii-numeric" "Received" "2" {
  fileinto "still-2-yes";
} else {
  fileinto "still-2-no";
}
if header :count "eq" :comparator "i;ascii-numeric" "Received" "3" {
  fileinto "now-3-yes";
} else {
  fileinto "now-3-no";
}
