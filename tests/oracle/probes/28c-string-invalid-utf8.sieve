if header "x" "aÿþb" { keep; }
