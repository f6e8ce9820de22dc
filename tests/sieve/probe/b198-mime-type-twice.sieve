require "mime";
if header :mime :type :type "Content-Type" "text" { keep; }
