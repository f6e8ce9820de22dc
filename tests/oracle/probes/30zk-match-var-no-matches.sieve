require "variables";
if header :is "x" "y" { set "d" "${1}"; }
