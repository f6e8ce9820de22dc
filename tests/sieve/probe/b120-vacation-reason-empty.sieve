require "vacation";
vacation "";
