require "editheader";
addheader "Content-Type" "text/plain";
