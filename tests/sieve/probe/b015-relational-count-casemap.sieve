require "relational";
if header :count "gt" :comparator "i;ascii-casemap" "to" "2" { keep; }
