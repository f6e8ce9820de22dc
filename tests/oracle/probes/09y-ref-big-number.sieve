require "variables";
set "x" "${99999999999}";
