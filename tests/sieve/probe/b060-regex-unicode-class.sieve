require "regex";
if header :regex "subject" "\\p{L}" { keep; }
