require "index";
if header :index "1" "x" "y" { keep; }
