require "regex";
if header :regex "subject" "^[[:alpha:]][[:alnum:]_]*[[:space:]]?$" { keep; }
