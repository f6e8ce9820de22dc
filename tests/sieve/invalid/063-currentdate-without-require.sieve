# expect: 2:4: requires the "date" extension
if currentdate :is "weekday" "0" {
  discard;
}
