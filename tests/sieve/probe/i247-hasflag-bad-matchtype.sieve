require "imap4flags";
if hasflag :foo "\\Seen" { keep; }
