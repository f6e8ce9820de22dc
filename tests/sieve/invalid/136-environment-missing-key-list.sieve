# expect: 3:4: 'environment' needs 2 positional arguments, 1 given
require "environment";
if environment "domain" {
  keep;
}
