require "date";
if currentdate "nope" "x" { keep; }
