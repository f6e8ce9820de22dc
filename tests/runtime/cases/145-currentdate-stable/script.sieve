# purpose: currentdate tests whose result does not depend on the day
require ["date", "relational", "comparator-i;ascii-numeric", "fileinto"];
if currentdate :value "ge" "year" "2020" {
  fileinto "after-2020-yes";
} else {
  fileinto "after-2020-no";
}
if currentdate :value "le" :comparator "i;ascii-numeric" "month" "12" {
  fileinto "valid-month-yes";
} else {
  fileinto "valid-month-no";
}
if not currentdate :is "year" "1999" {
  fileinto "not-1999-yes";
} else {
  fileinto "not-1999-no";
}
