# purpose: Pigeonhole 0.5.19 appears to ignore :index/:last in the date test
require ["date", "index", "fileinto", "variables"];
if date :index 1 :originalzone :matches "received" "time" "*" { fileinto "first=${1}"; }
if date :index 1 :last :originalzone :matches "received" "time" "*" { fileinto "last=${1}"; }
if date :index 2 :originalzone :matches "received" "time" "*" { fileinto "second=${1}"; }
if date :index 3 :originalzone :matches "received" "time" "*" { fileinto "third=${1}"; }
if date :index 2 :originalzone :matches "date" "date" "*" { fileinto "date2=${1}"; }
if header :index 1 :last :matches "received" "*; *" { fileinto "hdr-last=${2}"; }
