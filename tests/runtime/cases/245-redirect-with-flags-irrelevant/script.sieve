# purpose: flags do not appear on redirect; implicit keep cancelled
require ["imap4flags"];
addflag "\\Seen";
redirect "carol@example.net";
