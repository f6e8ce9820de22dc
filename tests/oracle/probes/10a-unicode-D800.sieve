require "encoded-character";
if header "subject" "${unicode:D800}" { keep; }
