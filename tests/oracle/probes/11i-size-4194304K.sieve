if size :over 4194304K { keep; }
