require "spamtest";
if spamtest :contains "5" { keep; }
