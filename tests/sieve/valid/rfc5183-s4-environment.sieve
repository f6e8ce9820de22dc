# RFC 5183 (environment) section 4: test usage with standard items,
# constructed from the section's usage text and item list
require ["environment", "fileinto", "relational", "variables"];

if environment :contains "location" "MS" {
    keep;
}
if environment :is "phase" "during" {
    keep;
}
if environment :matches "remote-host" "*.example.com" {
    fileinto "INBOX.internal";
}
if environment :is "remote-ip" "192.0.2.1" {
    discard;
}
if environment :matches "domain" "*" {
    fileinto "INBOX.${1}";
}
if environment :count "eq" "name" "0" {
    keep;
}
if environment :matches "version" "*" {
    keep;
}
if environment :is "host" "mx.example.com" {
    keep;
}
