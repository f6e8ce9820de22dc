require "vacation";
vacation :mime :mime "x";
