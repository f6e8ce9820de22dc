require "regex";
if header :regex "subject" "\\{x\\}" { keep; }
