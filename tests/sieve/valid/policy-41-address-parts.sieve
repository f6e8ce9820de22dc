# Policy: address parts and comparators
require ["fileinto", "subaddress", "envelope"];

if address :localpart :is "To" ["sales", "info"] {
    fileinto "Shared";
}
if address :domain :matches "From" "*.gov" {
    fileinto "Government";
}
if address :user :is :comparator "i;octet" "To" "CEO" {
    fileinto "Exec";
}
if envelope :all :contains "to" "@partners." {
    fileinto "Partners";
}
if address :detail :matches ["To", "Delivered-To"] "order-*" {
    fileinto "Orders";
}
