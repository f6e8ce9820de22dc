# expect: 3:11: match type ':regex' cannot be used with comparator "i;ascii-numeric"
require ["regex", "comparator-i;ascii-numeric"];
if header :regex :comparator "i;ascii-numeric" "x-priority" "^1$" {
  keep;
}
