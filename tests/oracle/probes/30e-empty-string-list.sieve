if header "x" [] { keep; }
