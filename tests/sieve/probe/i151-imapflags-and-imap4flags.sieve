require ["imapflags", "imap4flags"];
