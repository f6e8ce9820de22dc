# expect: 2:15: conflicts with ':is'
if header :is :contains "subject" "x" {
  keep;
}
