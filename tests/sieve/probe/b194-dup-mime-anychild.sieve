require "mime";
if header :mime :anychild :anychild "Content-Type" "x" { keep; }
