require "regex";
if header :regex "subject" ["^a", "[0-9]+\\d"] { keep; }
