# expect: 3:23: conflicts with ':zone'
require "date";
if date :zone "+0100" :originalzone :is "date" "hour" "12" {
  keep;
}
