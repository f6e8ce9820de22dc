require "date";
if date :zone "CET" :is "date" "hour" "1" { keep; }
