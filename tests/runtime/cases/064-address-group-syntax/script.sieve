require ["fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if address :is "To" "carol@example.net" {
  fileinto "member-yes";
} else {
  fileinto "member-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "To" "3" {
  fileinto "count-3-yes";
} else {
  fileinto "count-3-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "Cc" "0" {
  fileinto "undisclosed-yes";
} else {
  fileinto "undisclosed-no";
}
if address :contains "To" "Friends" {
  fileinto "group-name-yes";
} else {
  fileinto "group-name-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "Cc" "1" {
  fileinto "undisclosed-count-1-yes";
} else {
  fileinto "undisclosed-count-1-no";
}
if address :matches :all "Cc" "*" { fileinto "cc-all=${1}"; }
