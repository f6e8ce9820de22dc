require "regex";
if header :regex "subject" "^[A-Z]{2,5}-[0-9]{1,}$" { keep; }
