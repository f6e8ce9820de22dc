require ["imap4flags", "variables"];
set "f1" "";
if hasflag :is ["f1", "f2"] ["\\Seen"] { keep; }
