require ["fileinto", "variables"];
if header :matches "X-S" "*a*a*a" { fileinto "1=${1}|2=${2}|3=${3}"; }
