if header :comparator "i;octet" :contains "Subject" "CaseSensitive" { keep; }
if address :comparator "i;ascii-casemap" :localpart :is "from" "bob" { keep; }
if address :is :comparator "i;octet" :all "to" "x@y.example" { keep; }
if header :matches :comparator "i;ascii-casemap" "subject" "*foo?" { keep; }
