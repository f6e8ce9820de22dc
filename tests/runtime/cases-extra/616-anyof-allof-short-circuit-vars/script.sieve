# purpose: match variables with short-circuit anyof/allof (RFC 5229 3.2)
require ["fileinto", "variables"];
if anyof (header :matches "Subject" "Q*", header :matches "From" "*@*") { fileinto "any=${1}"; }
if allof (header :matches "Subject" "Q*", header :matches "From" "*@*") { fileinto "all=${1}|${2}"; }
if allof (header :matches "To" "*", false) { fileinto "never"; }
fileinto "after-false-allof=${1}";
