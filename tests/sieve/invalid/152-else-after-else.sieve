# expect: 6:3: 'else' must follow an 'if' or 'elsif' block
if true {
  keep;
} else {
  stop;
} else {
  discard;
}
