if header "subject" "a" "b" { keep; }
