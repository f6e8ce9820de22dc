if header :comparator "i;unicode-casemap" :is "a" "b" { keep; }
