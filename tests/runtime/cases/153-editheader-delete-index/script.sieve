require ["editheader", "index", "fileinto", "variables"];
deleteheader :index 2 "X-Label";
deleteheader :index 1 :last "X-Label";
if header :index 1 :matches "X-Label" "*" { fileinto "a=${1}"; }
if header :index 2 :matches "X-Label" "*" { fileinto "b=${1}"; }
if header :index 3 :matches "X-Label" "*" { fileinto "c=${1}"; }
