require "date";
if date :is "date" "year" { keep; }
