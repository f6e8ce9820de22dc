# expect: 2:10: unexpected ')'
if true () {
  keep;
}
