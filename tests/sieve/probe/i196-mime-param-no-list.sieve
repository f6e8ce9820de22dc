require "mime";
if header :mime :param "Content-Type" "x" { keep; }
