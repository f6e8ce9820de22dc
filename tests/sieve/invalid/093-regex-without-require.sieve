# expect: 2:11: requires the "regex" extension
if header :regex "subject" "^\\[spam\\]" {
  discard;
}
