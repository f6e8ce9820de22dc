if address "x-custom" "a" { keep; }
