if exists ["a b"] { keep; }
