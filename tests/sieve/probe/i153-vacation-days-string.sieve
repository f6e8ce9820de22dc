require "vacation";
vacation :days "7" "away";
