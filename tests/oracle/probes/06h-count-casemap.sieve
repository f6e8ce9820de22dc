require "relational";
if header :count "eq" :comparator "i;ascii-casemap" "x" "1" { keep; }
