if header :comparator "i;ascii-numeric" :is "a" "1" { keep; }
