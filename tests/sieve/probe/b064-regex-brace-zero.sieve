require "regex";
if header :regex "subject" "a{0}" { keep; }
