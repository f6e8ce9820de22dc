# expect: 2:11: requires the "relational" extension
if header :value "gt" "x-priority" "3" {
  discard;
}
