# RFC 5293 section 5 (Action deleteheader): usage variants,
# constructed from the section's usage text
require ["editheader", "index"];

deleteheader "X-Spam-Status";
deleteheader :contains "X-Spam-Flag" "YES";
deleteheader :matches "X-Relay-Trace" "*by spammer.example.net*";
deleteheader :index 1 "X-Mailer";
deleteheader :index 1 :last "X-Original-To";
deleteheader :comparator "i;octet" :is "X-Label" ["Junk", "Spam"];
