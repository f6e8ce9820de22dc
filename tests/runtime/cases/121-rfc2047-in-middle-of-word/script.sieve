# purpose: encoded word not delimited by whitespace
require ["fileinto", "variables"];
if header :matches "Subject" "*" { fileinto "s=${1}"; }
