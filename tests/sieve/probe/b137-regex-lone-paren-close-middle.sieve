require "regex";
if header :regex "subject" "smile :)" { keep; }
