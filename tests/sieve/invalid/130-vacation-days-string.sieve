# expect: 3:16: must be a number, not a string
require "vacation";
vacation :days "7" "I am away.";
