# RFC 8580 (fcc) example: notify with :fcc
require ["enotify", "fcc"];

notify :fcc "INBOX.Sent"
       :message "You got mail!"
       "mailto:ken@example.com";
