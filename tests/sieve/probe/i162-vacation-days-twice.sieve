require "vacation";
vacation :days 2 :days 3 "away";
