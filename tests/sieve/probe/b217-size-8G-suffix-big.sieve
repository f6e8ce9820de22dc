if size :over 8589934592G { keep; }
