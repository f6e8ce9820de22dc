require "vacation";
vacation :addresses 5 "away";
