if header :is "X Bad" "v" { keep; }
