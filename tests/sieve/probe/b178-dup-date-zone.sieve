require "date";
if date :zone "+0100" :zone "+0200" "date" "year" "2024" { keep; }
