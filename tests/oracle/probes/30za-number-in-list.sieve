if header "x" ["a", 5] { keep; }
