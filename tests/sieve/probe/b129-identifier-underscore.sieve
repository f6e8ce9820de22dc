if _header "a" "b" { keep; }
