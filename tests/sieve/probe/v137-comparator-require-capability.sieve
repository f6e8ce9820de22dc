require ["comparator-i;octet", "comparator-i;ascii-casemap"];
if header :comparator "i;octet" :is "a" "b" { keep; }
