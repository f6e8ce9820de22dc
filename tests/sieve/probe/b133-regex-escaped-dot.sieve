require "regex";
if header :regex "subject" "^re\\.: " { keep; }
