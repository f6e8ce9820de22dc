# purpose: local parts with dots/hyphens, quoted local part containing a comma, domain literal
require ["fileinto", "variables"];
if address :localpart :is "To" "first.last-x" {
  fileinto "dots-hyphens-yes";
} else {
  fileinto "dots-hyphens-no";
}
if address :localpart :is "Cc" "a,b" {
  fileinto "quoted-comma-yes";
} else {
  fileinto "quoted-comma-no";
}
if address :all :is "Cc" "\"a,b\"@example.org" {
  fileinto "quoted-all-yes";
} else {
  fileinto "quoted-all-no";
}
if address :domain :is "Reply-To" "[192.0.2.1]" {
  fileinto "ip-literal-domain-yes";
} else {
  fileinto "ip-literal-domain-no";
}
if address :localpart :matches "Cc" "*" { fileinto "cc-lp=${1}"; }
