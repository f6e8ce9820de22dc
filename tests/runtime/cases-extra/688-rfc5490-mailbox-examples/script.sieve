# purpose: RFC 5490 3.1/3.2 style: mailboxexists else fileinto :create
require ["fileinto", "mailbox"];
if mailboxexists "Partners" {
   fileinto "Partners";
} else {
   fileinto :create "Partners";
}
if mailboxexists ["INBOX", "INBOX"] { fileinto :create "INBOX" ; }
