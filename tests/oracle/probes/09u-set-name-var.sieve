require "variables";
set "${x}" "b";
