if size 5 { keep; }
