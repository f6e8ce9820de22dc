# expect: 2:1: requires the "foreverypart" extension
foreverypart {
  keep;
}
