require ["date", "relational", "fileinto"];
if date :is "date" "weekday" "0" { fileinto "Sunday"; }
if date :zone "-0500" :value "ge" "received" "hour" "17" { keep; }
if date :originalzone :matches "date" "iso8601" "2024-*" { keep; }
if currentdate :is "month" ["12", "01", "02"] { keep; }
if currentdate :zone "+0000" :value "lt" "hour" "09" { keep; }
if date :is "Date" "zone" "+0200" { keep; }
if currentdate :matches "std11" "*" { keep; }
if currentdate :is "julian" "60000" { keep; }
if currentdate :is "time" "12:00:00" { keep; }
if currentdate :matches "minute" "?0" { keep; }
if currentdate :is "second" "00" { keep; }
if currentdate :is "day" "01" { keep; }
if currentdate :is "year" "2030" { keep; }
