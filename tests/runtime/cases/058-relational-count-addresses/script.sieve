require ["fileinto", "relational", "comparator-i;ascii-numeric"];
if address :count "eq" :comparator "i;ascii-numeric" "To" "3" {
  fileinto "to-eq-3-yes";
} else {
  fileinto "to-eq-3-no";
}
if address :count "ge" :comparator "i;ascii-numeric" ["To", "Cc"] "4" {
  fileinto "to-cc-ge-4-yes";
} else {
  fileinto "to-cc-ge-4-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "Cc" "1" {
  fileinto "cc-eq-1-yes";
} else {
  fileinto "cc-eq-1-no";
}
