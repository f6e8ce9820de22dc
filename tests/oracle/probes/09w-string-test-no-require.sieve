if string "a" "b" { keep; }
