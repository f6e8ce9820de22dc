# purpose: address test on a header that was replaced with editheader
require ["editheader", "fileinto", "variables"];
deleteheader "Reply-To";
addheader "Reply-To" "\"Help, Desk\" <helpdesk@example.org>, ops@example.org";
if address :all :is "Reply-To" "ops@example.org" { fileinto "rt-ops"; }
if address :domain :matches "Reply-To" "*" { fileinto "first-domain=${1}"; }
