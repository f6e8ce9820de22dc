require "index";
if header :index 1 :last "x" "y" { keep; }
