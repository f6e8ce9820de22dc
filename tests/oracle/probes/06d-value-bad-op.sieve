require "relational";
if header :value "xx" "x" "1" { keep; }
