require "vacation";
vacation :days 100000 "x";
