require "regex";
if header :regex "subject" "\\(spam\\)" { keep; }
