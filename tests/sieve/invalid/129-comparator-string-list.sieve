# expect: 2:23: must be a string, not a string list
if header :comparator ["i;octet"] :is "subject" "x" {
  keep;
}
