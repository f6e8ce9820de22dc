if () { keep; }
