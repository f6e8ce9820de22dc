require "mboxmetadata";
if metadata "INBOX" "/private/x" { keep; }
