if exists [] { keep; }
