# expect: 2:4: requires the "mailbox" extension
if mailboxexists "Spam" {
  keep;
}
