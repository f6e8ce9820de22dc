# Policy: forwarding rules with and without :copy
require ["copy", "envelope", "variables"];

if envelope :is "to" "helpdesk@example.com" {
    redirect :copy "ticketing@tickets.example.com";
}
if header :matches "X-Forward-To" "*@example.com" {
    redirect "${1}@example.com";
}
