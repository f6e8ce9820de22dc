# expect: 2:11: tag ':comparator' needs a string
if header :comparator :is "subject" "x" {
  keep;
}
