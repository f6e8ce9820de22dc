# purpose: deleteheader with :index, :last, :matches/:contains/:is value patterns, comparator
require ["editheader", "index", "fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
deleteheader :index 2 "X-A";
deleteheader :last :index 1 "X-A";
deleteheader :matches "X-B" "foo*";
deleteheader :contains "X-C" ["zz", "bar"];
deleteheader :is "X-D" "EXACT";
deleteheader :comparator "i;octet" :is "X-E" "case";
if header :count "eq" :comparator "i;ascii-numeric" "X-A" "2" { fileinto "xa-count2"; }
if header :index 1 :matches "X-A" "*" { fileinto "xa1=${1}"; }
if header :index 2 :matches "X-A" "*" { fileinto "xa2=${1}"; }
if header :matches "X-B" "*" { fileinto "xb=${1}"; }
if header :count "eq" :comparator "i;ascii-numeric" "X-C" "1" { fileinto "xc-count1"; }
if exists "X-D" { fileinto "xd-exists"; } else { fileinto "xd-gone"; }
if header :count "eq" :comparator "i;ascii-numeric" "X-E" "2" { fileinto "xe-count2"; }
