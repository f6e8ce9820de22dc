require "variables";
set "x" "${global.x}";
