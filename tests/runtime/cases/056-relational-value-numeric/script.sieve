# purpose: "25" < "3" as strings, > 10 numerically
require ["fileinto", "relational", "comparator-i;ascii-numeric"];
if header :value "gt" :comparator "i;ascii-numeric" "X-Score" "10" {
  fileinto "gt-yes";
} else {
  fileinto "gt-no";
}
if header :value "lt" :comparator "i;ascii-numeric" "X-Score" "10" {
  fileinto "lt-yes";
} else {
  fileinto "lt-no";
}
if header :value "ge" :comparator "i;ascii-numeric" "X-Score" "25" {
  fileinto "ge-eq-yes";
} else {
  fileinto "ge-eq-no";
}
if header :value "ne" :comparator "i;ascii-numeric" "X-Score" "25" {
  fileinto "ne-yes";
} else {
  fileinto "ne-no";
}
if header :value "lt" "X-Score" "3" {
  fileinto "string-lt-yes";
} else {
  fileinto "string-lt-no";
}
