require "mime";
if header :mime :anychild "content-type" "x" { keep; }
