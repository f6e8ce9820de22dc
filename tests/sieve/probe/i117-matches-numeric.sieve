require "comparator-i;ascii-numeric";
if header :matches :comparator "i;ascii-numeric" "x" "1*" { keep; }
