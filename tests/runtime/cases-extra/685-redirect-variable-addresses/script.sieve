# purpose: redirect to an address from a header, then to an invalid address from a variable
require ["variables"];
if address :all :matches "Reply-To" "*" { set "rt" "${1}"; }
redirect "${rt}";
set "bad" "not an address";
redirect "${bad}";
