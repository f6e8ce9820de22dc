# purpose: same mailbox stored twice with different :flags; keep twice with different flags
require ["imap4flags", "fileinto"];
fileinto :flags "red" "Box";
fileinto :flags "blue" "Box";
keep :flags "one";
keep :flags "two";
