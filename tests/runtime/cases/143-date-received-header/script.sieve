# purpose: date test on Received: uses the date after the last ';'
require ["date", "fileinto", "variables"];
if date :originalzone :matches "received" "iso8601" "*" { fileinto "rcvd=${1}"; }
