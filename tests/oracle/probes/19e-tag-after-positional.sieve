if header "x" :is "y" { keep; }
