# purpose: i;ascii-numeric (RFC 4790 9.1): leading zeros, non-digits = infinity, huge numbers, empty
require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :value "eq" :comparator "i;ascii-numeric" "X-A" "7" {
  fileinto "007-eq-7-yes";
} else {
  fileinto "007-eq-7-no";
}
if header :is :comparator "i;ascii-numeric" "X-A" "7" {
  fileinto "is-007-7-yes";
} else {
  fileinto "is-007-7-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-B" "xyz" {
  fileinto "abc-eq-xyz-infinity-yes";
} else {
  fileinto "abc-eq-xyz-infinity-no";
}
if header :value "gt" :comparator "i;ascii-numeric" "X-B" "99999" {
  fileinto "abc-gt-99999-yes";
} else {
  fileinto "abc-gt-99999-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-C" "12" {
  fileinto "12abc-eq-12-yes";
} else {
  fileinto "12abc-eq-12-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-D" "0" {
  fileinto "empty-eq-0-yes";
} else {
  fileinto "empty-eq-0-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-E" "x" {
  fileinto "neg-eq-infinity-yes";
} else {
  fileinto "neg-eq-infinity-no";
}
if header :value "gt" :comparator "i;ascii-numeric" "X-F" "99999999999999999999" {
  fileinto "big-gt-yes";
} else {
  fileinto "big-gt-no";
}
if header :value "ne" :comparator "i;ascii-numeric" "X-Missing" "1" {
  fileinto "missing-ne-yes";
} else {
  fileinto "missing-ne-no";
}
