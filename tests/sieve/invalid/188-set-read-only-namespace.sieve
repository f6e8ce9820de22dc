# expect: 3:5: read-only
require "variables";
set "env.x" "1";
