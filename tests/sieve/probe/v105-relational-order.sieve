require "relational";
if header :comparator "i;octet" :value "lt" "Subject" "m" { keep; }
if address :domain :count "le" "from" "1" { keep; }
if address :value "eq" :all "to" "x" { keep; }
