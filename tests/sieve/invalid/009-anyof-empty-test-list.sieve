# expect: 2:11: unexpected ')'
if anyof () {
  discard;
}
