require "variables";
set "x" "${0000001}";
