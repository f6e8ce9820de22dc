require "variables";
set "my-var" "x";
