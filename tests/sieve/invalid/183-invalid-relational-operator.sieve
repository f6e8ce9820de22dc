# expect: 3:18: invalid relational operator "greater"
require "relational";
if header :value "greater" "x-priority" "3" {
  keep;
}
