# purpose: envelope :localpart/:domain/:user/:detail with mixed case and empty detail
require ["envelope", "subaddress", "fileinto", "variables"];
if envelope :localpart :matches "from" "*" { fileinto "from-lp=${1}"; }
if envelope :domain :matches "from" "*" { fileinto "from-dom=${1}"; }
if envelope :user :matches "from" "*" { fileinto "from-user=${1}"; }
if envelope :detail :matches "from" "*" { fileinto "from-det=${1}"; }
if envelope :all :matches "to" "*" { fileinto "to-all=${1}"; }
if envelope :domain :is "to" "example.com" {
  fileinto "to-domain-casemap-yes";
} else {
  fileinto "to-domain-casemap-no";
}
if envelope :domain :comparator "i;octet" :is "to" "example.com" {
  fileinto "to-domain-octet-yes";
} else {
  fileinto "to-domain-octet-no";
}
if envelope :detail :is "to" "" {
  fileinto "to-detail-empty-yes";
} else {
  fileinto "to-detail-empty-no";
}
if envelope :is ["from", "to"] "ken+@Example.COM" {
  fileinto "from-and-to-list-yes";
} else {
  fileinto "from-and-to-list-no";
}
