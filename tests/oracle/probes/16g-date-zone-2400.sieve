require "date";
if date :zone "+2400" "date" "year" "2020" { keep; }
