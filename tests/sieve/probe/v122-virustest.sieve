require ["virustest", "relational", "comparator-i;ascii-numeric"];
if virustest :value "ge" :comparator "i;ascii-numeric" "4" { discard; }
if virustest :is "1" { keep; }
