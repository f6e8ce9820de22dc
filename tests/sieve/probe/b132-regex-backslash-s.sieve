require "regex";
if header :regex "subject" "free\\s+money" { keep; }
