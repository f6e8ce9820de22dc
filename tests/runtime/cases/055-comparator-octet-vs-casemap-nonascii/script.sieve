# purpose: i;ascii-casemap folds ASCII letters only
require ["fileinto"];
if header :is "X-Word" "ÄRGER" {
  fileinto "casemap-umlaut-yes";
} else {
  fileinto "casemap-umlaut-no";
}
if header :is "X-Word" "äRGER" {
  fileinto "casemap-ascii-part-yes";
} else {
  fileinto "casemap-ascii-part-no";
}
if header :is :comparator "i;octet" "X-Word" "ärger" {
  fileinto "octet-yes";
} else {
  fileinto "octet-no";
}
