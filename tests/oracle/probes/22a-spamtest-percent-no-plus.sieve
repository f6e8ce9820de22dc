require "spamtest";
if spamtest :percent "1" { keep; }
