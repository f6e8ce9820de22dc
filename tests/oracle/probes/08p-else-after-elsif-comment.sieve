if false { keep; } # c
elsif true { stop; } /* x */ else { discard; }
