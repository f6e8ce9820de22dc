require ["date", "variables", "fileinto"];
if date :originalzone :matches "date" "date" "*" { fileinto "d=${1}"; }
if date :originalzone :matches "X-Old" "date" "*" { fileinto "old=${1}"; }
if date :originalzone :matches "X-NoSec" "time" "*" { fileinto "nosec=${1}"; }
