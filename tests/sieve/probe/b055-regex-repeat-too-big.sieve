require "regex";
if header :regex "subject" "a{1,70000}" { keep; }
