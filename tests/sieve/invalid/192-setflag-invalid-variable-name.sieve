# expect: 3:9: invalid variable name "1x"
require ["imap4flags", "variables"];
setflag "1x" "\\Seen";
