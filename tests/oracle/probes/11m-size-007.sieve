if size :over 007 { keep; }
