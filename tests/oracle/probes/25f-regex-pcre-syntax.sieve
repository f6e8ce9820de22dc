require "regex";
if header :regex "subject" "\\d+(?i)x" { keep; }
