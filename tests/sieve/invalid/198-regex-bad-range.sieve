# expect: 3:35: invalid regular expression "[z-a]"
require "regex";
if header :regex "subject" ["ok", "[z-a]"] {
  discard;
}
