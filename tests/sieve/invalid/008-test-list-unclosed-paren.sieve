# expect: 2:23: unexpected '{'
if anyof (true, false {
  discard;
}
