require "imap4flags";
setflag "1abc" "x";
