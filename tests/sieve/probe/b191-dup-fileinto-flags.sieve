require ["fileinto", "imap4flags"];
fileinto :flags "a" :flags "b" "x";
