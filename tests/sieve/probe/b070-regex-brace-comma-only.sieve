require "regex";
if header :regex "subject" "a{,3}" { keep; }
