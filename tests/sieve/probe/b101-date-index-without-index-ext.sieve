require "date";
if date :index 1 "received" "year" "2024" { keep; }
