# expect: 2:1: 'keep' takes no block
keep {
  stop;
}
