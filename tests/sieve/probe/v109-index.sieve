require ["index", "date"];
if header :index 1 :contains "Received" "mx.example.org" { keep; }
if header :index 2 :last :is "Received" "x" { keep; }
if address :last :index 1 :is "from" "a@b.c" { keep; }
if date :index 1 :last :is "received" "year" "2024" { keep; }
