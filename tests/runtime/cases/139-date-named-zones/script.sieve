require ["date", "variables", "fileinto"];
if date :zone "+0000" :matches "date" "time" "*" { fileinto "gmt=${1}"; }
if date :zone "+0000" :matches "X-Date-EST" "time" "*" { fileinto "est=${1}"; }
if date :zone "+0000" :matches "X-Date-UT" "time" "*" { fileinto "ut=${1}"; }
if date :zone "+0000" :matches "X-Date-Z" "time" "*" { fileinto "mil-z=${1}"; }
if date :originalzone :matches "X-Date-EST" "zone" "*" { fileinto "est-zone=${1}"; }
