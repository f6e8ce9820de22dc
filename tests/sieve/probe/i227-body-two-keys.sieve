require "body";
if body :contains "a" "b" { keep; }
