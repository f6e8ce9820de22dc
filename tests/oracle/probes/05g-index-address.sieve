require "index";
if address :index 2 "from" "y" { keep; }
