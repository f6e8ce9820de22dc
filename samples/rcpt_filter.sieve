# Stage: rcpt. Route the old alias to its new address. (Which domains are ours is
# [session.rcpt] directory's job: a recipient elsewhere gets 550 5.1.2 Relay not allowed.)
require ["variables", "envelope"];

if envelope :localpart :is "to" "old-sales" {
    set "envelope.to" "sales@example.org";
}
