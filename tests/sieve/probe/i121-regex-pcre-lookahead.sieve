require "regex";
if header :regex "subject" "foo(?=bar)" { keep; }
