# purpose: setflag '' clears; discard with flags set; implicit keep cancelled
require ["imap4flags", "fileinto"];
setflag "\\Deleted";
setflag "";
fileinto "A";
addflag "\\Draft";
discard;
