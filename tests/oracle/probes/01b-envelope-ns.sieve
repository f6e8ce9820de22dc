require "variables";
set "x" "${envelope.from}";
