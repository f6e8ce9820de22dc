# expect: 3:11: invalid header field name ""
require "editheader";
addheader "" "yes";
