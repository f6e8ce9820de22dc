require "spamtest";
if spamtest "5" "6" { keep; }
