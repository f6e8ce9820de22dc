require ["imap4flags", "variables"];
if hasflag :is "1abc" "x" { keep; }
