if size :over 3G { keep; }
