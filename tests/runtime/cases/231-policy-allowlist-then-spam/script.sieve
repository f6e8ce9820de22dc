require ["fileinto", "envelope", "spamtest", "relational", "comparator-i;ascii-numeric"];
if envelope :domain :is "from" "example.com" { keep; stop; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { fileinto "Junk"; }
