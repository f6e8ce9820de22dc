require "comparator-i;ascii-numeric";
if header :contains :comparator "i;ascii-numeric" "X-N" "5" { keep; }
