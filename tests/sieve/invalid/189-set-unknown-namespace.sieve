# expect: 3:5: unknown variable namespace 'foo'
require "variables";
set "foo.bar" "1";
