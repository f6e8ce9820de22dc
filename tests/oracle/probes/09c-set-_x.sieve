require "variables";
set "_x" "y";
