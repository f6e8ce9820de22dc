require "regex";
if header :regex "subject" "\\Bfoo" { keep; }
