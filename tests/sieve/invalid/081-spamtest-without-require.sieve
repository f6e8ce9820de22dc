# expect: 2:4: requires the "spamtest" extension
if spamtest :is "10" {
  discard;
}
