# expect: 2:4: did you mean 'header'
if heaer :is "subject" "x" {
  discard;
}
