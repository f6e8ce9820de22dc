# Policy: basic header sanity checks
require ["reject", "relational", "comparator-i;ascii-numeric"];

# RFC 5322 requires exactly one From and one Date
if anyof (not exists ["From", "Date"],
          header :count "gt" :comparator "i;ascii-numeric" "From" "1",
          header :count "gt" :comparator "i;ascii-numeric" "Subject" "1") {
    reject "Malformed message: missing or duplicated From/Date/Subject.";
    stop;
}

# too many hops usually means a mail loop
if header :count "ge" :comparator "i;ascii-numeric" "Received" "30" {
    reject "Too many Received headers (mail loop?).";
}
