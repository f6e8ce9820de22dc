if header "X-é" "y" { keep; }
