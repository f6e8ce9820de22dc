require "variables";
set "x" "${10}";
