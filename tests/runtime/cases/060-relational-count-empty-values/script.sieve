# purpose: does :count count empty header values?
require ["fileinto", "relational", "comparator-i;ascii-numeric"];
if header :count "eq" :comparator "i;ascii-numeric" "X-E" "2" {
  fileinto "count-with-empty-yes";
} else {
  fileinto "count-with-empty-no";
}
if header :count "eq" :comparator "i;ascii-numeric" "X-E" "3" {
  fileinto "count-3-yes";
} else {
  fileinto "count-3-no";
}
