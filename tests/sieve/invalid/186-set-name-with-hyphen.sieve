# expect: 3:5: invalid variable name "a-b"
require "variables";
set "a-b" "x";
