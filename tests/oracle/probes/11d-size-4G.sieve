if size :over 4G { keep; }
