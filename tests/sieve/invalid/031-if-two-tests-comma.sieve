# expect: 2:8: unexpected ','
if true, false {
  keep;
}
