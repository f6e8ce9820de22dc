# Policy: messages whose Date header is far in the past or future
require ["date", "relational", "fileinto", "editheader"];

if date :value "lt" "date" "year" "2000" {
    addheader "X-Date-Check" "ancient";
    fileinto "Suspicious";
} elsif date :value "gt" "date" "date" "2037-12-31" {
    addheader "X-Date-Check" "future";
    fileinto "Suspicious";
}
