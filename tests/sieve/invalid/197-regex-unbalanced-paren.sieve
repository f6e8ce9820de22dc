# expect: 3:28: invalid regular expression "a(b"
require "regex";
if header :regex "subject" "a(b" {
  discard;
}
