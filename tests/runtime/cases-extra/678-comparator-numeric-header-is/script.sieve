# purpose: i;ascii-numeric equality with :is (leading zeros, trailing text, both non-numeric)
require ["fileinto", "comparator-i;ascii-numeric"];
if header :is :comparator "i;ascii-numeric" "X-N" "7" {
  fileinto "is-007-7-yes";
} else {
  fileinto "is-007-7-no";
}
if header :is :comparator "i;ascii-numeric" "X-M" "7" {
  fileinto "is-7x-7-yes";
} else {
  fileinto "is-7x-7-no";
}
if header :is :comparator "i;ascii-numeric" "X-Word" "other" {
  fileinto "is-inf-inf-yes";
} else {
  fileinto "is-inf-inf-no";
}
if address :localpart :is :comparator "i;ascii-numeric" "To" "0042" {
  fileinto "address-numeric-yes";
} else {
  fileinto "address-numeric-no";
}
