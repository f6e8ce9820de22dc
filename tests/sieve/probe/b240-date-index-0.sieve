require ["date", "index"];
if date :index 0 "date" "year" "2024" { keep; }
