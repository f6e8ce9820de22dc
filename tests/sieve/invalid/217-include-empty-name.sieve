# expect: 3:9: invalid script name ""
require "include";
include "";
