require ["mailbox", "fileinto"];
if mailboxexists "INBOX" {
  fileinto "inbox-yes";
} else {
  fileinto "inbox-no";
}
if mailboxexists "Does-Not-Exist" {
  fileinto "nope-yes";
} else {
  fileinto "nope-no";
}
fileinto :create "Created";
