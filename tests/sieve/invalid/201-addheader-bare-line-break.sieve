# expect: 3:20: line break that is not folding
require "editheader";
addheader "X-Note" "first
Bcc: victim@example.org";
