if true() { keep; }
