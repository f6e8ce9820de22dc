if 1header :is "a" "b" { keep; }
