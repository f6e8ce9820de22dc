# expect: 3:41: match type ':contains' cannot be used with comparator "i;ascii-numeric"
require "comparator-i;ascii-numeric";
if header :comparator "i;ascii-numeric" :contains "x-priority" "1" {
  keep;
}
