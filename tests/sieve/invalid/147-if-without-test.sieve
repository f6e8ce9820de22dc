# expect: 2:1: 'if' needs a test
if {
  keep;
}
