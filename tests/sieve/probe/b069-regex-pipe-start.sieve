require "regex";
if header :regex "subject" "|a" { keep; }
