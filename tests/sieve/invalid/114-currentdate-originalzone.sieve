# expect: 3:16: unknown tag ':originalzone'
require "date";
if currentdate :originalzone :is "hour" "12" {
  keep;
}
