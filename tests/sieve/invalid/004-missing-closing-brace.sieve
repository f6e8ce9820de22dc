# expect: 4:1: unexpected end of script
if true {
  keep;
