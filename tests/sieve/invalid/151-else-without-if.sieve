# expect: 3:1: 'else' must follow an 'if' or 'elsif' block
keep;
else {
  discard;
}
