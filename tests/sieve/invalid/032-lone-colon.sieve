# expect: 2:11: unexpected character ':'
if header : "subject" "x" {
  keep;
}
