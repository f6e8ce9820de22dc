# purpose: a 5000-character header value in a variable (RFC 5229 3: implementations may limit sizes)
require ["variables", "fileinto"];
if header :matches "X-Long" "*" { set "v" "${1}"; }
set :length "l" "${v}";
fileinto "len=${l}";
set "w" "${v}${v}";
set :length "l2" "${w}";
fileinto "len2=${l2}";
