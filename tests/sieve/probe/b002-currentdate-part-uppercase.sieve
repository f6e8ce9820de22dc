require "date";
if currentdate :is "YEAR" "2030" { keep; }
