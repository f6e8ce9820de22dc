if header :comparator "i;unicode-casemap" "x" "1" { keep; }
