# expect: 2:4: requires the "body" extension
if body :contains "unsubscribe" {
  discard;
}
