# purpose: RFC 5260 6 example: date :index 2 on Received, :zone
require ["date", "relational", "index", "fileinto"];
if date :value "gt" :index 2 :zone "-0500" "received"
        "iso8601" "2007-02-26T09:00:00-05:00"
{ redirect "aftercutoff@example.org"; }
if header :index 2 :matches "received" "*ESMTPSA*" { fileinto "second-received-is-esmtpsa"; }
