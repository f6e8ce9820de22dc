# expect: 3:1: 'vacation' needs 1 positional argument, 0 given
require "vacation";
vacation :days 3;
