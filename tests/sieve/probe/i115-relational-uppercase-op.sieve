require "relational";
if header :value "GT" "x" "1" { keep; }
