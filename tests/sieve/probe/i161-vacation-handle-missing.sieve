require "vacation";
vacation :handle "away";
