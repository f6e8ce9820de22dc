require ["imap4flags","variables"];
setflag "v" ["\\Seen","x"];
