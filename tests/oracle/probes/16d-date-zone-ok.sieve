require "date";
if date :zone "+0100" "date" "year" "2020" { keep; }
