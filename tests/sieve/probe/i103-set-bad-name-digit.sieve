require "variables";
set "2fast" "x";
