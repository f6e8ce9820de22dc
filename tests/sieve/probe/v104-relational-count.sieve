require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["5"] {
  fileinto "Many";
}
if header :count "eq" :comparator "i;ascii-numeric" "Received" "0" { discard; }
if header :value "gt" :comparator "i;ascii-numeric" "X-Score" "10" { discard; }
if header :value "ne" "Subject" "x" { keep; }
