require "editheader";
addheader :last "X-A" "x";
