require ["mailbox","mboxmetadata","servermetadata"];
if mailboxexists "x" { keep; }
if metadata "INBOX" "/private/x" "y" { keep; }
if servermetadataexists "/shared/x" { keep; }
