require ["imap4flags", "fileinto"];
fileinto :flags 1 "box";
