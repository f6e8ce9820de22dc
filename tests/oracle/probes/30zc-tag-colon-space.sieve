if header : is "x" "y" { keep; }
