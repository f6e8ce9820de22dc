require "encoded-character";
if header "subject" "${unicode:110000}" { keep; }
