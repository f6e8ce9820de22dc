# purpose: redirect with a variable holding a full 'Name <addr>' header value
require ["variables"];
if header :matches "Reply-To" "*" { set "rt" "${1}"; }
redirect "${rt}";
