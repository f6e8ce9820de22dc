require "imap4flags";
if hasflag :is "a-b" "x" { keep; }
