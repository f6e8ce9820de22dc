if anyof() { keep; }
