require "mime";
if header :mime :contenttype :param "x" "Content-Type" "y" { keep; }
