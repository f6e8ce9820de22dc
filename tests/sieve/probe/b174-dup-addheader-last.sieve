require "editheader";
addheader :last :last "X-A" "v";
