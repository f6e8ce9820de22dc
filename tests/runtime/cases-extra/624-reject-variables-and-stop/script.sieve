# purpose: reject reason with variables, followed by stop
require ["reject", "variables", "fileinto"];
if header :matches "Subject" "*" { set "s" "${1}"; }
if address :is "From" "alice@example.com" {
    reject "Your message '${s}' was refused.";
    stop;
}
fileinto "not-reached";
