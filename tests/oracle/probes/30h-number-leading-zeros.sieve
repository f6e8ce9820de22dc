if size :over 000001K { keep; }
