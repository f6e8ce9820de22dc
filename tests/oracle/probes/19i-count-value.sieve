require "relational";
if header :count "eq" :value "eq" "x" "1" { keep; }
