if header :is :comparator "a" "b" { keep; }
