require "regex";
if header :regex "subject" "a^b" { keep; }
