require "mboxmetadata";
if metadata "INBOX" "private/x" "y" { keep; }
