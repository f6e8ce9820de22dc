# RFC 6134 (extlists) example: spam tolerance by address book
require ["envelope", "extlists", "fileinto", "spamtest",
         "relational", "comparator-i;ascii-numeric"];
if envelope :list "from" ":addrbook:default"
  { /* Known: allow high spam score */
    if spamtest :value "ge" :comparator "i;ascii-numeric" "8"
      {
        fileinto "spam";
      }
  }
elsif spamtest :value "ge" :comparator "i;ascii-numeric" "3"
  { /* Unknown: less tolerance in spam score */
    fileinto "spam";
  }
