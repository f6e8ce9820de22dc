# purpose: addheader/addheader :last around existing fields; :index and :last afterwards
require ["editheader", "index", "fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
addheader :last "X-A" "last1";
addheader "X-A" "first1";
addheader :last "X-A" "last2";
addheader "X-A" "first2";
if header :index 1 :matches "X-A" "*" { fileinto "i1=${1}"; }
if header :index 2 :matches "X-A" "*" { fileinto "i2=${1}"; }
if header :index 3 :matches "X-A" "*" { fileinto "i3=${1}"; }
if header :index 4 :matches "X-A" "*" { fileinto "i4=${1}"; }
if header :index 5 :matches "X-A" "*" { fileinto "i5=${1}"; }
if header :index 6 :matches "X-A" "*" { fileinto "i6=${1}"; }
if header :index 2 :last :matches "X-A" "*" { fileinto "l2=${1}"; }
if header :count "eq" :comparator "i;ascii-numeric" "X-A" "6" { fileinto "count6"; }
