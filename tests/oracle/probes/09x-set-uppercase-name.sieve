require "variables";
set "ABC" "1";
set "x" "${abc}";
