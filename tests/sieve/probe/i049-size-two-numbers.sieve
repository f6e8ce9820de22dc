if size :over 1 2 { keep; }
