# purpose: relational :count on header/address/envelope; default comparator compares counts as strings
require ["relational", "comparator-i;ascii-numeric", "fileinto", "envelope"];
if header :count "eq" :comparator "i;ascii-numeric" "X-Missing" "0" {
  fileinto "missing-count-eq-0-yes";
} else {
  fileinto "missing-count-eq-0-no";
}
if header :count "gt" "Received" "10" {
  fileinto "received-count-gt-10-casemap-yes";
} else {
  fileinto "received-count-gt-10-casemap-no";
}
if header :count "lt" :comparator "i;ascii-numeric" "Received" "10" {
  fileinto "received-count-lt-10-numeric-yes";
} else {
  fileinto "received-count-lt-10-numeric-no";
}
if envelope :count "eq" :comparator "i;ascii-numeric" "from" "1" {
  fileinto "env-from-count-eq-1-yes";
} else {
  fileinto "env-from-count-eq-1-no";
}
if envelope :count "ne" :comparator "i;ascii-numeric" "to" "1" {
  fileinto "env-to-count-ne-1-yes";
} else {
  fileinto "env-to-count-ne-1-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "To" "4" {
  fileinto "addr-to-count-eq-4-yes";
} else {
  fileinto "addr-to-count-eq-4-no";
}
if address :count "le" :comparator "i;ascii-numeric" ["From", "Reply-To"] "2" {
  fileinto "addr-all-count-le-2-yes";
} else {
  fileinto "addr-all-count-le-2-no";
}
if header :count "eq" :comparator "i;ascii-numeric" "Received" ["5", "2"] {
  fileinto "count-list-keys-yes";
} else {
  fileinto "count-list-keys-no";
}
