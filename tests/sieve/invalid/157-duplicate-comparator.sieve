# expect: 2:33: tag ':comparator' is given more than once
if header :comparator "i;octet" :comparator "i;ascii-casemap" "subject" "x" {
  keep;
}
