require "editheader";
addheader "X-A" "été";
