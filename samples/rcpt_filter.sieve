# Stage: rcpt. Only accept mail for our domains; route the old alias to its new address.
require ["variables", "reject", "envelope", "subaddress"];

if not envelope :domain :is "to" ["example.org", "example.net"] {
    reject "550 5.1.2 We do not relay for that domain.";
}
if envelope :localpart :is "to" "old-sales" {
    set "envelope.to" "sales@example.org";
}
