require ["fileinto", "relational", "comparator-i;ascii-numeric"];
if header :value "gt" :comparator "i;ascii-numeric" "X-N" ["100", "3"] {
  fileinto "any-gt-yes";
} else {
  fileinto "any-gt-no";
}
if header :value "gt" :comparator "i;ascii-numeric" "X-N" ["100", "50"] {
  fileinto "none-gt-yes";
} else {
  fileinto "none-gt-no";
}
