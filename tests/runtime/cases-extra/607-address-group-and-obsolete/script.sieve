# purpose: groups with members, obsolete route address, bare angle address
require ["fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if address :is "To" "m2@example.org" {
  fileinto "group-member-yes";
} else {
  fileinto "group-member-no";
}
if address :count "eq" :comparator "i;ascii-numeric" "To" "3" {
  fileinto "count-members-yes";
} else {
  fileinto "count-members-no";
}
if address :is "Cc" "routed@example.net" {
  fileinto "route-addr-yes";
} else {
  fileinto "route-addr-no";
}
if address :is "Reply-To" "angle@example.net" {
  fileinto "angle-only-yes";
} else {
  fileinto "angle-only-no";
}
if address :all :matches "To" "*" { fileinto "first=${1}"; }
