require "variables";
set "x" "${33}";
