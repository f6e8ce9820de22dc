# expect: 2:21: must come before the positional arguments
if header "subject" :is "x" {
  keep;
}
