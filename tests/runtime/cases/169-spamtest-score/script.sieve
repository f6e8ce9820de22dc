require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto", "variables"];
if spamtest :matches "*" { fileinto "spam=${1}"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "5" {
  fileinto "ge5-yes";
} else {
  fileinto "ge5-no";
}
