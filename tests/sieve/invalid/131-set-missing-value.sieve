# expect: 3:1: 'set' needs 2 positional arguments, 1 given
require "variables";
set "x";
