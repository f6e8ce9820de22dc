require "date";
if currentdate :zone "+01:00" :is "hour" "1" { keep; }
