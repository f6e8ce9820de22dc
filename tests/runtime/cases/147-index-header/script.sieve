require ["index", "fileinto", "variables"];
if header :index 1 :matches "Received" "from *" { fileinto "r1=${1}"; }
if header :index 2 :matches "Received" "from *" { fileinto "r2=${1}"; }
if header :index 1 :last :matches "Received" "from *" { fileinto "last=${1}"; }
if header :index 3 :contains "Received" "" {
  fileinto "index-3-yes";
} else {
  fileinto "index-3-no";
}
