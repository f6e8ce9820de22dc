require "regex";
if header :regex "subject" "\\1" { keep; }
