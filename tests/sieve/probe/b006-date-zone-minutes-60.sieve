require "date";
if currentdate :zone "+0160" :is "hour" "1" { keep; }
