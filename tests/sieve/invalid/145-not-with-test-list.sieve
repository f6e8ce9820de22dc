# expect: 2:8: 'not' takes one test, not a test list
if not (true) {
  keep;
}
