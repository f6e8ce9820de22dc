# expect: 2:1: 'elsif' must follow an 'if' or 'elsif' block
elsif true {
  keep;
}
