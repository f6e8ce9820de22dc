require "mime";
if address :mime :type "from" "x" { keep; }
