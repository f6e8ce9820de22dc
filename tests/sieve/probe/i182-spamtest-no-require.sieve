if spamtest "5" { keep; }
