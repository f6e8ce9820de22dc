keep;
if true { keep; } elsif { keep; }
