if size :under -1 { keep; }
