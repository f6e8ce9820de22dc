require "index";
if address :index 0 "from" "a@b.example" { keep; }
