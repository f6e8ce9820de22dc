require "vacation";
vacation :seconds 5 "x";
