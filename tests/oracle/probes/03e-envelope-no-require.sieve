if envelope "from" "x" { keep; }
