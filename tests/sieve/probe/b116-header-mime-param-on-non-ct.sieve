require "mime";
if header :mime :param "x" "Subject" "y" { keep; }
