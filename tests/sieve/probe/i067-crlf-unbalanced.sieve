if true {
  keep;
