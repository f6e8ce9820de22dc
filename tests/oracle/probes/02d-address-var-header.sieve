require "variables";
set "h" "subject";
if address "${h}" "a" { keep; }
