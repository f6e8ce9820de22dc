require "vacation";
vacation :days 1 "x";
vacation :days 365 :handle "b" "y";
