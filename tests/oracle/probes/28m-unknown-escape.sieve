if header "x" "\q\a" { keep; }
