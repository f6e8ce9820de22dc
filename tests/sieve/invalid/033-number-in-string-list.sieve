# expect: 2:31: unexpected number 1
if header :is "subject" ["a", 1] {
  keep;
}
