require "regex";
if header :regex "subject" "a\\nb" { keep; }
