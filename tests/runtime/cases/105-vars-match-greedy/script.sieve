# purpose: first * is non-greedy (shortest) in Pigeonhole?
require ["variables", "fileinto"];
if header :matches "X-List" "*,*" { fileinto "1=${1}|2=${2}"; }
