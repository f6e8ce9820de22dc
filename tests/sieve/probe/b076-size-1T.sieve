if size :over 1T { keep; }
