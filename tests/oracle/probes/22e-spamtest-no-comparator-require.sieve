require ["spamtest","relational"];
if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { keep; }
