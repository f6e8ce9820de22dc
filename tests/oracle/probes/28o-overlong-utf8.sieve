if header "x" "À¯" { keep; }
