require "editheader";
addheader :first "X-A" "v";
