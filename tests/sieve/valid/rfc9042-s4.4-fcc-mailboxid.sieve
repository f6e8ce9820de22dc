# RFC 9042 (mailboxid) section 4.4: :mailboxid with :fcc
require ["vacation", "fcc", "mailboxid"];

vacation :fcc "INBOX.Sent" :mailboxid "F6352ae03-b7f5-463c-896f-d8b48ee3"
         "I'm away";
