require "regex";
if header :regex "subject" "\\w+@\\w+" { keep; }
