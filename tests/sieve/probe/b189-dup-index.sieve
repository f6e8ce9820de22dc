require "index";
if address :index 1 :index 1 "from" "a@b.example" { keep; }
