# expect: 2:128: tests nested deeper than 31 levels
if not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not true {
  keep;
}
