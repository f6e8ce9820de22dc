# expect: 2:10: 'allof' needs a test list in parentheses
if allof true {
  keep;
}
