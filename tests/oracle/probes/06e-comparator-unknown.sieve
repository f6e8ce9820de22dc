if header :comparator "i;foo" "x" "1" { keep; }
