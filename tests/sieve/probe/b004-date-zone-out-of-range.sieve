require "date";
if date :zone "+2500" :is "date" "hour" "1" { keep; }
