# Policy: per-sender flag sets kept in variables
require ["imap4flags", "variables", "fileinto"];

set "vip" "\\Flagged $VIP";
if address :is "From" ["ceo@example.com", "cfo@example.com"] {
    setflag "${vip}";
    fileinto :flags "${vip} $Important" "VIP";
    stop;
}
if address :domain :is "From" "newsletters.example.net" {
    setflag "\\Seen";
    removeflag "\\Flagged";
    fileinto "Newsletters";
}
