require "mime";
if header :mime :anychild :type "Content-Type" "multipart" { keep; }
if exists :mime :anychild "Content-Disposition" { keep; }
if address :mime :anychild :is "from" "a@b.c" { keep; }
