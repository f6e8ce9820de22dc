# purpose: date parts with relational; :zone/:originalzone; date test on other headers
require ["date", "relational", "comparator-i;ascii-numeric", "fileinto"];
if date :is "date" "weekday" "2" {
  fileinto "weekday-is-2-yes";
} else {
  fileinto "weekday-is-2-no";
}
if date :zone "-0500" :is "date" "zone" "-0500" {
  fileinto "zone-tag-zone-part-yes";
} else {
  fileinto "zone-tag-zone-part-no";
}
if date :originalzone :is "date" "zone" "+0100" {
  fileinto "origzone-zone-part-yes";
} else {
  fileinto "origzone-zone-part-no";
}
if date :is "date" "zone" "+0000" {
  fileinto "utc-zone-part-yes";
} else {
  fileinto "utc-zone-part-no";
}
if date :value "eq" :comparator "i;ascii-numeric" "date" "julian" "60374" {
  fileinto "julian-value-yes";
} else {
  fileinto "julian-value-no";
}
if date :value "ge" "date" "date" "2024-03-05" {
  fileinto "date-ge-yes";
} else {
  fileinto "date-ge-no";
}
if date :value "lt" :zone "+0000" "date" "iso8601" "2024-03-05T13:30:01Z" {
  fileinto "iso-lt-yes";
} else {
  fileinto "iso-lt-no";
}
if date :value "lt" :comparator "i;ascii-numeric" "date" "hour" "14" {
  fileinto "hour-numeric-lt-14-yes";
} else {
  fileinto "hour-numeric-lt-14-no";
}
if date :contains "date" "std11" "Mar 2024" {
  fileinto "std11-contains-yes";
} else {
  fileinto "std11-contains-no";
}
if date :is "X-Sent" "date" "2023-12-31" {
  fileinto "custom-header-yes";
} else {
  fileinto "custom-header-no";
}
if date :originalzone :is "Resent-Date" "hour" "08" {
  fileinto "resent-date-yes";
} else {
  fileinto "resent-date-no";
}
if date :matches "X-DateOnly" "year" "*" {
  fileinto "date-only-no-time-yes";
} else {
  fileinto "date-only-no-time-no";
}
