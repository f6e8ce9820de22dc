require "date";
if date :originalzone "date" "year" "2020" { keep; }
