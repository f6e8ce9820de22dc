if true { keep; } elsif false;
