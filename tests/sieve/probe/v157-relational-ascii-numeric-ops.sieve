require ["relational", "comparator-i;ascii-numeric"];
if header :value "ge" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "le" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "lt" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "eq" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "ne" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :count "gt" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
