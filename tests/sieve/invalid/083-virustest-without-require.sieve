# expect: 2:4: requires the "virustest" extension
if virustest :is "5" {
  discard;
}
