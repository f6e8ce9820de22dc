require "encoded-character";
if header :contains "subject" "${unicode:DC00}" { keep; }
