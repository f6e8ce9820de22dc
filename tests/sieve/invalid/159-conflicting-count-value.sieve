# expect: 3:23: conflicts with ':count'
require "relational";
if header :count "gt" :value "lt" "to" "3" {
  keep;
}
