if size :over 4194303K { keep; }
