require "comparator-i;ascii-numeric";
if header :is :comparator "i;ascii-numeric" "X-N" "42" { keep; }
