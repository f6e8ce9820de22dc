# expect: 3:10: must be a string list, not a number
require "ihave";
if ihave 5 {
  keep;
}
