require "regex";
if header :regex "subject" ["ok", "\\s+"] { keep; }
