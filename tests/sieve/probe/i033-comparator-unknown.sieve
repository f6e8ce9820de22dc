if header :comparator "i;basic" :is "a" "b" { keep; }
