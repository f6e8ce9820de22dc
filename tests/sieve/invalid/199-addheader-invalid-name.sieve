# expect: 3:11: invalid header field name "X Bad"
require "editheader";
addheader "X Bad" "yes";
