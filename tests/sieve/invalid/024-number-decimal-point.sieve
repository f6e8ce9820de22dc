# expect: 2:16: unexpected character '.'
if size :over 1.5M {
  discard;
}
