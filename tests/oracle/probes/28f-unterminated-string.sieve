if header "x" "abc { keep; }
