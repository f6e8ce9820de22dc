require "index";
if header :index "1" "received" "x" { keep; }
