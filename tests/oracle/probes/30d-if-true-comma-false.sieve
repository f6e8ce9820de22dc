if true, false { keep; }
