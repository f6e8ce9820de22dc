# expect: 3:5: invalid variable name "1abc"
require "variables";
set "1abc" "x";
