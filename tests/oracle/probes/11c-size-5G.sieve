if size :over 5G { keep; }
