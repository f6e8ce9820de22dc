# expect: 2:6: requires the "imap4flags" extension
keep :flags "\\Seen";
