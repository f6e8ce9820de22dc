if address :user "to" "x" { keep; }
