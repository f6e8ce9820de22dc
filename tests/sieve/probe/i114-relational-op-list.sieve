require "relational";
if header :value ["gt", "lt"] "x" "1" { keep; }
