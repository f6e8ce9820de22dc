if address :detail "to" "x" { keep; }
