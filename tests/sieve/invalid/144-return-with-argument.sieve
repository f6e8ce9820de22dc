# expect: 3:8: too many arguments for 'return'
require "include";
return "now";
