require ["fileinto", "envelope", "relational", "comparator-i;ascii-numeric"];
if envelope :matches "from" "*@*.example.com" {
  fileinto "match-yes";
} else {
  fileinto "match-no";
}
if envelope :count "eq" :comparator "i;ascii-numeric" "to" "1" {
  fileinto "count-yes";
} else {
  fileinto "count-no";
}
