require ["fileinto", "special-use", "mailbox"];
fileinto :specialuse "\\Junk" "Spam";
fileinto :create :specialuse "\\Archive" "Archive/2030";
fileinto :specialuse "\\Trash" :create "Bin";
if specialuse_exists "\\Junk" { keep; }
if specialuse_exists "INBOX" ["\\Sent", "\\Drafts"] { keep; }
