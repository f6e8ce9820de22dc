require "mime";
if exists :anychild "x" { keep; }
