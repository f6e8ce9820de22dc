if size :over 9223372036854775808 { keep; }
