if size :over 1g { keep; }
