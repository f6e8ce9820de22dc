# expect: 2:35: unexpected '{'
if header :is "subject" ["a", "b" {
  discard;
}
