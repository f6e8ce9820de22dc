require "spamtestplus";
if spamtest :percent :percent "5" { keep; }
