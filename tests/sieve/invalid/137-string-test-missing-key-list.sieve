# expect: 3:4: 'string' needs 2 positional arguments, 1 given
require "variables";
if string :is "${x}" {
  keep;
}
