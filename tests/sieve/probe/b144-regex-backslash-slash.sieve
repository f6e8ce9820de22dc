require "regex";
if header :regex "subject" "http:\\/\\/" { keep; }
