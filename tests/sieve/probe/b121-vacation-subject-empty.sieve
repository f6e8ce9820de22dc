require "vacation";
vacation :subject "" "x";
