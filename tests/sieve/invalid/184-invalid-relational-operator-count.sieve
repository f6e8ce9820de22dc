# expect: 3:18: invalid relational operator "="
require "relational";
if header :count "=" "to" "1" {
  keep;
}
