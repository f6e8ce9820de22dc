# expect: 2:4: 'size' needs one of :over or :under
if size 100K {
  discard;
}
