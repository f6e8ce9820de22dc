# purpose: keep with flags and a plain keep: merged?
require ["imap4flags"];
keep :flags "\\Seen";
keep;
