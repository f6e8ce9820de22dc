if address "return-path" "a" { keep; }
