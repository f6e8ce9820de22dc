require "relational";
if header :value 5 "x" "1" { keep; }
