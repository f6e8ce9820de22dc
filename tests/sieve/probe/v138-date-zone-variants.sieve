require "date";
if date :zone "+1400" :is "date" "hour" "1" { keep; }
if date :zone "-1200" :is "date" "hour" "1" { keep; }
if currentdate :zone "+0530" :is "hour" "1" { keep; }
