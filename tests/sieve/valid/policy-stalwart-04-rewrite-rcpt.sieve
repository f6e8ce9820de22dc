# Stalwart-style policy (RCPT TO stage): redirect a retired mailbox by
# rewriting the envelope recipient
require ["variables", "envelope"];

if envelope :is "to" "old-sales@example.com" {
    set "envelope.to" "sales@example.com";
}
if string :matches "${envelope.to}" "*+archive@example.com" {
    set "envelope.to" "archive@example.com";
}
