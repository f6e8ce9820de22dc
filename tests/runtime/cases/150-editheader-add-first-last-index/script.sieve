require ["editheader", "index", "fileinto", "variables"];
addheader "X-Tag" "first-added";
addheader :last "X-Tag" "last-added";
if header :index 1 :matches "X-Tag" "*" { fileinto "i1=${1}"; }
if header :index 1 :last :matches "X-Tag" "*" { fileinto "last=${1}"; }
