require "date";
if date :zone "abc" "date" "year" "2020" { keep; }
