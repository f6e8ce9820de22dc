if size :over 9223372036854775807 { keep; }
