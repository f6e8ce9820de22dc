# expect: 2:11: requires the "relational" extension
if header :count "gt" "received" "30" {
  discard;
}
