require ["imap4flags"];
setflag "\\Seen  $Label1 \\SEEN label1";
