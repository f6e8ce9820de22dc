# purpose: addheader with the field name taken from a variable
require ["editheader", "variables", "fileinto"];
set "h" "X-Dyn";
addheader "${h}" "dynamic";
if exists "X-Dyn" {
  fileinto "exists-yes";
} else {
  fileinto "exists-no";
}
if header :is "x-dyn" "dynamic" {
  fileinto "value-yes";
} else {
  fileinto "value-no";
}
