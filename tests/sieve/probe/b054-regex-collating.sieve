require "regex";
if header :regex "subject" "[[.hyphen.]]" { keep; }
