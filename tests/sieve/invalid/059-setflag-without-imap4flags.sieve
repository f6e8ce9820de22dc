# expect: 2:1: requires the "imap4flags" extension
setflag "\\Seen";
