# purpose: vacation :from from a variable holding an invalid address (run-time check?)
require ["vacation", "variables"];
if header :matches "X-Owner" "*" { set "me" "${1}"; }
vacation :from "${me}" :subject "Away" "I am away.";
