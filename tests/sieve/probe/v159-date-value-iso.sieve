require ["date", "relational"];
if date :value "ge" :originalzone "date" "iso8601" "2020-01-01T00:00:00Z" { keep; }
