# expect: 2:4: requires the "envelope" extension
if envelope :is "from" "a@example.org" {
  discard;
}
