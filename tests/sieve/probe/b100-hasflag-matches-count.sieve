require ["imap4flags", "relational"];
if hasflag :count "ge" "\\Seen" "1" { keep; }
