require "variables";
if string "a" "a" { keep; }
