require "relational";
if header :count "x" "1" { keep; }
