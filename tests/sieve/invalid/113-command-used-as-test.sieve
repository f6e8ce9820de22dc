# expect: 2:4: 'discard' is a command, not a test
if discard {
  stop;
}
