# expect: 2:11: did you mean ':contains'
if header :contain "subject" "x" {
  discard;
}
