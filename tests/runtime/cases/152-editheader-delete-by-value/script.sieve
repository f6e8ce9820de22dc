require ["editheader", "fileinto", "relational", "comparator-i;ascii-numeric"];
deleteheader :matches "X-Label" "del*";
if header :count "eq" :comparator "i;ascii-numeric" "X-Label" "2" {
  fileinto "two-left-yes";
} else {
  fileinto "two-left-no";
}
