# expect: 3:11: match type ':matches' cannot be used with comparator "i;ascii-numeric"
require "comparator-i;ascii-numeric";
if header :matches :comparator "i;ascii-numeric" "x-priority" "1*" {
  keep;
}
