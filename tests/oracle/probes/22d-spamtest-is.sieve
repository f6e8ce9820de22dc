require "spamtest";
if spamtest "5" { keep; }
