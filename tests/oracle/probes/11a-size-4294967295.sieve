if size :over 4294967295 { keep; }
