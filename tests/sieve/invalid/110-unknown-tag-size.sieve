# expect: 2:9: did you mean ':over'
if size :ovre 1M {
  discard;
}
