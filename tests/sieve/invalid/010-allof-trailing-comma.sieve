# expect: 2:23: unexpected ')'
if allof (true, false,) {
  keep;
}
