# expect: 3:13: requires the "spamtestplus" extension
require ["spamtest", "relational", "comparator-i;ascii-numeric"];
if spamtest :percent :value "gt" :comparator "i;ascii-numeric" "50" {
  discard;
}
