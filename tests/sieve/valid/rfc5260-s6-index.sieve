# RFC 5260 section 6 (Index extension): :index / :last usage,
# constructed from the section's usage text
require ["date", "index", "relational", "fileinto"];

# the top-most Received field (added by our own MTA)
if date :index 1 :value "ge" "received" "hour" "22" {
    fileinto "late-night";
}

# the oldest Received field (closest to the originator)
if header :index 1 :last :contains "received" "example.net" {
    fileinto "from-example-net";
}

# the second Subject field, if any
if header :index 2 :matches "subject" "*" {
    fileinto "double-subject";
}
