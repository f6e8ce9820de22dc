require "imap4flags";
if hasflag { keep; }
