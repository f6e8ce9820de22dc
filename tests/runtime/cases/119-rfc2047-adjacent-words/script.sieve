# purpose: whitespace between adjacent encoded words is dropped
require ["fileinto", "variables"];
if header :matches "Subject" "*" { fileinto "s=${1}"; }
