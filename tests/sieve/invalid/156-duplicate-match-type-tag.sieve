# expect: 2:15: tag ':is' is given more than once
if header :is :is "subject" "x" {
  keep;
}
