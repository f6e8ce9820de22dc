require ["variables", "fileinto"];
if address :matches :domain "From" "*" { set "d" "${1}"; }
if header :matches "Subject" "*" { set :lower "s" "${1}"; }
fileinto "by-domain/${d}/${s}";
