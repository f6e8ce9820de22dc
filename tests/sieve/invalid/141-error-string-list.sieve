# expect: 3:7: must be a string, not a string list
require "ihave";
error ["a", "b"];
