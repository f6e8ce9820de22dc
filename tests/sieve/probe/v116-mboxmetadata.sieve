require ["mboxmetadata", "servermetadata", "relational"];
if metadata :is "INBOX" "/private/vendor/vendor.x/on" "yes" { keep; }
if metadataexists "INBOX" ["/private/comment", "/shared/comment"] { keep; }
if servermetadata :contains "/shared/admin" "admin" { keep; }
if servermetadataexists "/shared/comment" { keep; }
if metadata :count "ge" :comparator "i;ascii-casemap" "INBOX" "/private/x" "1" { keep; }
