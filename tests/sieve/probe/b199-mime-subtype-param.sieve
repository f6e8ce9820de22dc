require "mime";
if header :mime :subtype :param "charset" "Content-Type" "x" { keep; }
