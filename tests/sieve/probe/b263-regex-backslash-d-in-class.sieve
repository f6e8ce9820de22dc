require "regex";
if header :regex "subject" "[\\d]" { keep; }
