require "mime";
if exists :mime :anychild "x" { keep; }
