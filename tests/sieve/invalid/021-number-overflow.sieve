# expect: 2:15: too large
if size :over 99999999999999999999 {
  discard;
}
