# expect: 2:4: requires the "duplicate" extension
if duplicate {
  discard;
}
