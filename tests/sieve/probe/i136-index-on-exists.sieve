require "index";
if exists :index 1 "received" { keep; }
