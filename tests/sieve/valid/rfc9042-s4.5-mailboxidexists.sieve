# RFC 9042 (mailboxid) section 4.5: mailboxidexists test
require ["fileinto", "mailboxid"];

if mailboxidexists "F6352ae03-b7f5-463c-896f-d8b48ee3" {
    fileinto :mailboxid "F6352ae03-b7f5-463c-896f-d8b48ee3"
             "INBOX.harassment";
}
