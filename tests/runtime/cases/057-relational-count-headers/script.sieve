require ["fileinto", "relational", "comparator-i;ascii-numeric"];
if header :count "eq" :comparator "i;ascii-numeric" "Received" "2" {
  fileinto "received-eq-2-yes";
} else {
  fileinto "received-eq-2-no";
}
if header :count "eq" :comparator "i;ascii-numeric" "X-None" "0" {
  fileinto "missing-eq-0-yes";
} else {
  fileinto "missing-eq-0-no";
}
if header :count "eq" :comparator "i;ascii-numeric" ["Received", "Subject"] "3" {
  fileinto "two-names-eq-3-yes";
} else {
  fileinto "two-names-eq-3-no";
}
if header :count "eq" "Received" "2" {
  fileinto "count-casemap-yes";
} else {
  fileinto "count-casemap-no";
}
