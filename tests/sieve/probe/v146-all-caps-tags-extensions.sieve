require ["fileinto", "copy", "mailbox", "imap4flags", "relational", "comparator-i;ascii-numeric"];
FILEINTO :COPY :CREATE :FLAGS "\\Seen" "Box";
IF HEADER :VALUE "ge" :COMPARATOR "i;ascii-numeric" "x" "1" { KEEP; }
IF HEADER :COUNT "ge" "x" "1" { KEEP; }
