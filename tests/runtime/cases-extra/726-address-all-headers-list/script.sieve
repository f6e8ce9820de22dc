# purpose: address with a list of header names: which header's value comes first for match variables
require ["fileinto", "variables"];
if address :all :matches ["Resent-From", "From", "Sender"] "*" { fileinto "first=${1}"; }
if address :domain :is ["To", "Cc", "Bcc", "Resent-To"] "example.org" {
  fileinto "any-header-domain-yes";
} else {
  fileinto "any-header-domain-no";
}
if address :localpart :is ["From", "To"] ["carol", "bob"] {
  fileinto "list-keys-yes";
} else {
  fileinto "list-keys-no";
}
