require "date";
if date :originalzone :originalzone "date" "year" "2024" { keep; }
