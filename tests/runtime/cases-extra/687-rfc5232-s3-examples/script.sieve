# purpose: RFC 5232 3.2/3.3/4 examples: addflag forms, removeflag, hasflag :contains on a flag list
require ["imap4flags", "fileinto", "variables"];
addflag "flagvar" "\\Deleted";
addflag "flagvar" "\\Answered";
fileinto :flags "${flagvar}" "step1";
addflag "flagvar" ["\\Deleted", "\\Answered"];
addflag "flagvar" "\\Deleted \\Answered";
addflag "flagvar" "\\Answered \\Deleted";
fileinto :flags "${flagvar}" "step2";
if header :contains "Disposition-Notification-To" "mel@example.com" {
    addflag "flagvar" "$MDNRequired";
}
if header :contains "from" "imap@cac.washington.example.edu" {
    removeflag "flagvar" "$MDNRequired";
    fileinto :flags "${flagvar}" "INBOX.imap-list";
}
if hasflag :contains "flagvar" "Junk" { discard; stop; }
if hasflag :contains "flagvar" "Answ" { fileinto "contains-partial"; }
