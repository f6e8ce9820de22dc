# expect: 3:17: requires the "envelope-dsn" extension
require "envelope";
if envelope :is "orcpt" "rfc822;a@example.org" {
  keep;
}
