# expect: 2:23: requires the "comparator-i;unicode-casemap" extension
if header :comparator "i;unicode-casemap" :is "subject" "x" {
  keep;
}
