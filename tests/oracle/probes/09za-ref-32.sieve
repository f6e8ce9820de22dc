require "variables";
set "x" "${32}";
