# purpose: reject combined with addflag and notify
require ["reject", "imap4flags", "enotify"];
addflag "\\Seen";
reject "no thanks";
notify "mailto:admin@example.net";
