if anyof(true,) { keep; }
