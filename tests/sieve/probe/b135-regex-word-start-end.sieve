require "regex";
if header :regex "subject" "\\<cash\\>" { keep; }
