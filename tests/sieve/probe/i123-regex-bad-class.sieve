require "regex";
if header :regex "subject" "[[:nope:]]" { keep; }
