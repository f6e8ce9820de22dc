if discard { keep; }
