# expect: 4:8: 'else' takes no test
if false {
  keep;
} else true {
  discard;
}
