# expect: 2:23: unknown comparator "i;foo"
if header :comparator "i;foo" :is "subject" "x" {
  keep;
}
