require "index";
if exists :index 1 "x" { keep; }
