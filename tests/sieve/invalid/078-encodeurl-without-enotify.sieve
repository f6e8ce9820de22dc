# expect: 3:5: requires the "enotify" extension
require "variables";
set :encodeurl "q" "a b";
