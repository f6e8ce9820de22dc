require ["body", "fileinto"];
if body :raw :contains "BEGIN PGP" { fileinto "Encrypted"; }
if body :content "text" :contains "unsubscribe" { fileinto "Promo"; }
if body :content ["text/plain", "text/html"] :matches "*lottery*" { discard; }
if body :text :is "" { keep; }
if body :contains :text "x" { keep; }
if body :comparator "i;octet" :content "" :contains "X" { keep; }
if body "plain" { keep; }
