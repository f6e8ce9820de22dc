# RFC 8580 (fcc) example: vacation with :fcc and related arguments
require ["vacation", "fcc", "mailbox", "special-use", "imap4flags"];

vacation :days 7 :from "hemingway@example.com"
         :fcc "INBOX.Sent" :create :specialuse "\\Sent" :flags "\\Seen"
         "Gone fishin'";
