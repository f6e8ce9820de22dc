require "date";
if date "date" "YEAR" "2020" { keep; }
