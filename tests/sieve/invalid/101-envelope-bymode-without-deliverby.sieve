# expect: 3:17: requires the "envelope-deliverby" extension
require "envelope";
if envelope :is "bymode" "notify" {
  keep;
}
