# expect: 2:15: must be a number, not a string
if size :over "100K" {
  discard;
}
