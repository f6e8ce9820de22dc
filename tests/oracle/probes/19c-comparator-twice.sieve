if header :comparator "i;octet" :comparator "i;octet" "x" "y" { keep; }
