# purpose: iso8601 format of converted times (Z or +00:00?)
require ["date", "relational", "fileinto"];
if date :zone "+0000" :value "lt" "date" "iso8601" "2024-03-05T14:00:00Z" {
  fileinto "iso-lt-yes";
} else {
  fileinto "iso-lt-no";
}
if date :zone "+0000" :value "ge" "date" "iso8601" "2024-03-05T13:30:00+00:00" {
  fileinto "iso-ge-yes";
} else {
  fileinto "iso-ge-no";
}
