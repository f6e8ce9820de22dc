require "mime";
if header :mime :mime "Content-Type" "x" { keep; }
