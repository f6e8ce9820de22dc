if size :over "5" { keep; }
