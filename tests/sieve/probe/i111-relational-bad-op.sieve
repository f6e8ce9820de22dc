require "relational";
if header :value "gte" "x" "1" { keep; }
