# expect: 2:16: unexpected character '-'
if size :under -1 {
  discard;
}
