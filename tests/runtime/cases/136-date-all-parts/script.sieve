require ["date", "variables", "fileinto"];
if date :matches "date" "year" "*" { fileinto "year=${1}"; }
if date :matches "date" "month" "*" { fileinto "month=${1}"; }
if date :matches "date" "day" "*" { fileinto "day=${1}"; }
if date :matches "date" "date" "*" { fileinto "date=${1}"; }
if date :matches "date" "julian" "*" { fileinto "julian=${1}"; }
if date :matches "date" "hour" "*" { fileinto "hour=${1}"; }
if date :matches "date" "minute" "*" { fileinto "minute=${1}"; }
if date :matches "date" "second" "*" { fileinto "second=${1}"; }
if date :matches "date" "time" "*" { fileinto "time=${1}"; }
if date :matches "date" "iso8601" "*" { fileinto "iso8601=${1}"; }
if date :matches "date" "std11" "*" { fileinto "std11=${1}"; }
if date :matches "date" "zone" "*" { fileinto "zone=${1}"; }
if date :matches "date" "weekday" "*" { fileinto "weekday=${1}"; }
