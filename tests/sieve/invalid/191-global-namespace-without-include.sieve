# expect: 3:5: requires the "include" extension
require "variables";
set "global.x" "1";
