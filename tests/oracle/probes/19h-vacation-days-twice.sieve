require "vacation";
vacation :days 1 :days 2 "x";
