if size :over 18446744073709551615 { keep; }
if size :under 16777215K { keep; }
