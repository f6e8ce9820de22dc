# expect: 2:4: 'header' needs 2 positional arguments, 1 given
if header :is "subject" {
  discard;
}
