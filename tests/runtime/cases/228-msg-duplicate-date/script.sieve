# purpose: two Date headers: which one?
require ["fileinto", "date", "variables"];
if date :originalzone :matches "date" "date" "*" { fileinto "d=${1}"; }
