# expect: 2:15: too large
if size :over 9999999999999G {
  discard;
}
