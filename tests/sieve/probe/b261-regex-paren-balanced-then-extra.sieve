require "regex";
if header :regex "subject" "a(b)c)" { keep; }
