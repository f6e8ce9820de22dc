if header :comparator "i;octet" "x" "1" { keep; }
