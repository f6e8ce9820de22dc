if header :is2 "a" "b" { keep; }
