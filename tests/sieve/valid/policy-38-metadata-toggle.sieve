# Policy: per-user toggles stored as IMAP METADATA annotations
require ["mboxmetadata", "servermetadata", "fileinto", "vacation"];

if metadata :is "INBOX" "/private/vendor/example/spam-filing" "off" {
    keep;
    stop;
}
if servermetadata :contains "/shared/vendor/example/maintenance" "yes" {
    vacation :days 1 "The mail system is in maintenance; replies may be delayed.";
}
if metadataexists "Junk" "/private/specialuse" {
    keep;
}
