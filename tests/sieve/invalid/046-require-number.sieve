# expect: 2:9: must be a string list, not a number
require 1;
