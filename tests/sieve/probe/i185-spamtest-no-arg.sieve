require "spamtest";
if spamtest { keep; }
