# RFC 5260 section 7 (Examples), example 1: during business hours
# (in the sender's zone) forward mail from the boss to a pager
require ["date", "relational"];

if allof(header :contains "from" "boss@example.com",
         date :value "ge" :originalzone "date" "hour" "09",
         date :value "lt" :originalzone "date" "hour" "17")
{ redirect "pager@example.com"; }
