require "date";
if date :zone 100 "date" "year" "2024" { keep; }
