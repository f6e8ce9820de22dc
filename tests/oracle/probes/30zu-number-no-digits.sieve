if size :over K { keep; }
