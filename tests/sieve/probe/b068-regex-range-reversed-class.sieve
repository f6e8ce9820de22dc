require "regex";
if header :regex "subject" "[9-0]" { keep; }
