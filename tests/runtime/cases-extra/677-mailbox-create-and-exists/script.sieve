# purpose: RFC 5490 mailboxexists (all must exist), fileinto :create
require ["mailbox", "fileinto"];
if mailboxexists "INBOX" {
  fileinto "inbox-exists-yes";
} else {
  fileinto "inbox-exists-no";
}
if mailboxexists "inbox" {
  fileinto "inbox-lower-exists-yes";
} else {
  fileinto "inbox-lower-exists-no";
}
if mailboxexists ["INBOX", "Nope/Nada"] {
  fileinto "list-with-missing-yes";
} else {
  fileinto "list-with-missing-no";
}
fileinto :create "Projects/2024";
