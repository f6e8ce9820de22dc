# expect: 2:26: unexpected ']'
if header :is "subject" [] {
  keep;
}
