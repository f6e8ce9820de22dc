# expect: 2:17: 'size' takes no test, found 'T'
if size :over 10T {
  discard;
}
