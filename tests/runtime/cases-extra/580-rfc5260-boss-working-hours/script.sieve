# purpose: RFC 5260 5 example: :originalzone hour 11 (UTC would be 19)
require ["date", "relational", "fileinto"];
if allof(header :is "from" "boss@example.com",
         date :value "ge" :originalzone "date" "hour" "09",
         date :value "lt" :originalzone "date" "hour" "17")
{ fileinto "urgent"; }
if allof(header :is "from" "boss@example.com",
         date :value "ge" "date" "hour" "09",
         date :value "lt" "date" "hour" "17")
{ fileinto "urgent-utc"; }
