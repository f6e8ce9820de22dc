# purpose: :flags replaces the internal variable for that action only
require ["imap4flags", "fileinto"];
setflag "\\Seen";
fileinto :flags "\\Answered" "A";
fileinto "B";
keep :flags "";
