require "encoded-character";
if header :is "subject" "${unicode:12G4}" { keep; }
