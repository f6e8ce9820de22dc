require ["imap4flags"];
setflag ["\\Seen", "\\Flagged", "Junk"];
removeflag "\\flagged";
removeflag "junk";
