require "regex";
if header :regex "subject" "\\bfree\\b" { keep; }
