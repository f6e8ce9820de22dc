if size :over :under 1 { keep; }
