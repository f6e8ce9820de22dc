require "spamtestplus";
if spamtest :percent :contains "5" { keep; }
