# purpose: RFC 5260 5 example style: date of the (first) Received header into a new header
require ["date", "variables", "editheader", "fileinto"];
if date :matches "received" "date" "*" { set "date" "${0}"; }
if date :matches "received" "time" "*" { set "time" "${0}"; }
addheader :last "X-Processed" "${date} ${time}";
if header :matches "X-Processed" "*" { fileinto "proc=${1}"; }
