require "vacation";
vacation :mime "yes" "away";
