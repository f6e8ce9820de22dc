require "relational";
if header :count "ge" :matches "to" "1" { keep; }
