if size :over 1.5M { keep; }
