require "encoded-character";
if header :contains "subject" "${unicode:FFFFFFFF}" { keep; }
