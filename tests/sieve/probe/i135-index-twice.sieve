require "index";
if header :index 1 :index 2 "received" "x" { keep; }
