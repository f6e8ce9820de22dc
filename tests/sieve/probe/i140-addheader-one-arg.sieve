require "editheader";
addheader "X-Only";
