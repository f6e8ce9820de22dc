require "vacation";
vacation :days 1;
