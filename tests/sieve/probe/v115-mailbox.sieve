require ["mailbox", "fileinto"];
if mailboxexists "Lists" { fileinto :create "Lists/new"; }
if mailboxexists ["INBOX", "Archive"] { keep; }
fileinto :create "Brand/New/Folder";
