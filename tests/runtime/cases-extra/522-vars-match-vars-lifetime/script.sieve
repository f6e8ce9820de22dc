# purpose: match variables: :is keeps them, failing :matches keeps them, test under 'not' sets them
require ["fileinto", "variables"];
if header :matches "Subject" "* *" { fileinto "first=${1}|${2}"; }
if header :is "Subject" "Quarterly report" { fileinto "after-is=${1}|${2}"; }
if header :matches "Subject" "nomatch*" { fileinto "never"; }
fileinto "after-fail=${1}|${2}";
if not header :matches "From" "*@*" { fileinto "never2"; }
fileinto "after-not=${1}|${2}";
if header :matches "To" "*" { set "to" "${1}"; }
if header :matches "Subject" "" { fileinto "never3"; }
fileinto "to=${to} 0=${0}";
