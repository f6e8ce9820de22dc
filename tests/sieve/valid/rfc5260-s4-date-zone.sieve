# RFC 5260 section 4 (Test date): :zone and date-parts, constructed
# from the section's usage text
require ["date", "relational", "comparator-i;ascii-numeric", "fileinto"];

if date :zone "-0800" :value "lt" "date" "hour" "08" {
    fileinto "early";
}
if date :originalzone :is "date" "zone" "+0000" {
    fileinto "utc-senders";
}
if date :is "date" "iso8601" "2008-06-01T12:00:00Z" {
    keep;
}
if currentdate :zone "+0100" :value "ge" :comparator "i;ascii-numeric"
        "julian" "58000" {
    keep;
}
