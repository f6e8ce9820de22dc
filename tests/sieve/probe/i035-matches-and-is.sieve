if header :matches :is "a" "b" { keep; }
