# expect: 3:10: requires the "mailboxid" extension
require "fileinto";
fileinto :mailboxid "F6352ae03" "INBOX";
