if address "received" "a" { keep; }
