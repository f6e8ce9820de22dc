# expect: 2:15: conflicts with ':over'
if size :over :under 1M {
  keep;
}
