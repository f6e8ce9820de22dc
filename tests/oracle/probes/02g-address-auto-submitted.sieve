if address "auto-submitted" "a" { keep; }
