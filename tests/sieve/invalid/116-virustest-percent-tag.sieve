# expect: 3:14: unknown tag ':percent' for 'virustest'
require ["virustest", "spamtestplus"];
if virustest :percent :is "5" {
  discard;
}
