if header :is ["a" "b"] "x" { keep; }
