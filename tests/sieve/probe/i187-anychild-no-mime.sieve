require "mime";
if header :anychild "Content-Type" "text" { keep; }
