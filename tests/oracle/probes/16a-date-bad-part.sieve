require "date";
if date "date" "foo" "x" { keep; }
