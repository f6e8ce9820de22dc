require "vacation";
vacation :handle "" "x";
