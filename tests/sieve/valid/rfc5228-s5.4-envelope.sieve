# RFC 5228 section 5.4 (Test envelope)
require "envelope";
if envelope :all :is "from" "tim@example.com" {
    discard;
}
