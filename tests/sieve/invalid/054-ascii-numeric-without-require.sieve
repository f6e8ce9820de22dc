# expect: 2:23: requires the "comparator-i;ascii-numeric" extension
if header :comparator "i;ascii-numeric" :is "x-priority" "1" {
  keep;
}
