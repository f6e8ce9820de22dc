require ["date", "variables", "fileinto"];
if date :zone "+0000" :matches "date" "iso8601" "*" { fileinto "utc=${1}"; }
if date :zone "-0800" :matches "date" "date" "*" { fileinto "pst-date=${1}"; }
if date :zone "-0800" :matches "date" "hour" "*" { fileinto "pst-hour=${1}"; }
if date :originalzone :matches "date" "zone" "*" { fileinto "orig=${1}"; }
if date :zone "+0530" :matches "date" "zone" "*" { fileinto "z=${1}"; }
