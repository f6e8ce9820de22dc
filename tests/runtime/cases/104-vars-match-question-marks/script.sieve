# purpose: each ? is its own match variable
require ["variables", "fileinto"];
if header :matches "Subject" "?uar*?" { fileinto "1=${1}|2=${2}|3=${3}"; }
