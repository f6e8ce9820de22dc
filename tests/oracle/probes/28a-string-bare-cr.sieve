if header "x" "ab" { keep; }
