require "imap4flags";
if hasflag :contains "x" { keep; }
