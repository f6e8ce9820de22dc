require "variables";
set ["a"] "x";
