require ["date","index"];
if date :index 1 :last "received" "year" "2020" { keep; }
