# purpose: spamtest with default i;ascii-casemap: '10' ge '3' is a string comparison
require ["spamtest", "fileinto", "relational"];
if spamtest :value "ge" "3" {
  fileinto "ge-3-casemap-yes";
} else {
  fileinto "ge-3-casemap-no";
}
if spamtest "10" {
  fileinto "eq-10-yes";
} else {
  fileinto "eq-10-no";
}
if spamtest :is "10" {
  fileinto "is-10-yes";
} else {
  fileinto "is-10-no";
}
if spamtest :count "eq" "1" {
  fileinto "count-eq-1-yes";
} else {
  fileinto "count-eq-1-no";
}
