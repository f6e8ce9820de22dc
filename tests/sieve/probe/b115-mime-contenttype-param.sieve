require "mime";
if header :mime :contenttype "Content-Type" "text/plain" { keep; }
