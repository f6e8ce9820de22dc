require "regex";
if header :regex "subject" "a\\{2\\}" { keep; }
