# purpose: RFC 5228 3.2 example taking the else branch: fileinto INBOX == keep
require "fileinto";
if header :contains "from" "coyote" {
    discard;
} elsif header :contains ["subject"] ["$$$"] {
    discard;
} else {
    fileinto "INBOX";
}
