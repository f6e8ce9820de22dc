# purpose: relational match types with the date test
require ["relational", "comparator-i;ascii-numeric", "date", "fileinto"];
if date :count "eq" :comparator "i;ascii-numeric" "date" "year" "1" {
  fileinto "date-count-eq-1-yes";
} else {
  fileinto "date-count-eq-1-no";
}
if date :value "ge" :originalzone "date" "hour" "09" {
  fileinto "date-hour-value-ge-9-yes";
} else {
  fileinto "date-hour-value-ge-9-no";
}
if date :value "ge" :originalzone :comparator "i;ascii-numeric" "date" "hour" "9" {
  fileinto "date-hour-value-ge-9-numeric-yes";
} else {
  fileinto "date-hour-value-ge-9-numeric-no";
}
if date :value "lt" :comparator "i;ascii-numeric" "date" "year" "2025" {
  fileinto "date-year-lt-yes";
} else {
  fileinto "date-year-lt-no";
}
