# expect: 3:5: invalid variable name ""
require "variables";
set "" "x";
