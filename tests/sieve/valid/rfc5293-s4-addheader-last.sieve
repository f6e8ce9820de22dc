# RFC 5293 section 4 (Action addheader): :last usage, constructed from
# the section's usage text
require "editheader";
addheader "X-Hello" "World";
addheader :last "X-Hello" "Again";
