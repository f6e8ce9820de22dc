# expect: 2:30: unexpected string "b"
if header :is "subject" ["a" "b"] {
  discard;
}
