# purpose: string test with relational :value/:count over source and key lists
require ["variables", "relational", "comparator-i;ascii-numeric", "fileinto"];
set "a" "5";
set "b" "12";
set "c" "";
if string :value "gt" :comparator "i;ascii-numeric" ["${a}", "${b}"] "10" {
  fileinto "any-gt-10-yes";
} else {
  fileinto "any-gt-10-no";
}
if string :value "lt" :comparator "i;ascii-numeric" ["${a}", "${b}"] "3" {
  fileinto "all-lt-3-none-yes";
} else {
  fileinto "all-lt-3-none-no";
}
if string :count "ge" :comparator "i;ascii-numeric" ["${a}", "${b}", "${c}"] "2" {
  fileinto "count-ge-2-yes";
} else {
  fileinto "count-ge-2-no";
}
if string :count "eq" :comparator "i;ascii-numeric" ["${a}", "${b}", "${c}"] "3" {
  fileinto "count-eq-3-yes";
} else {
  fileinto "count-eq-3-no";
}
if string :value "eq" :comparator "i;ascii-numeric" "${c}" "0" {
  fileinto "empty-value-eq-0-yes";
} else {
  fileinto "empty-value-eq-0-no";
}
if string :value "eq" :comparator "i;ascii-numeric" "${b}" ["1", "12"] {
  fileinto "keys-list-yes";
} else {
  fileinto "keys-list-no";
}
