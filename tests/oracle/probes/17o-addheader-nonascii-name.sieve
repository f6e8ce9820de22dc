require "editheader";
addheader "X-é" "x";
