require "regex";
if header :regex "subject" "a\\tb" { keep; }
