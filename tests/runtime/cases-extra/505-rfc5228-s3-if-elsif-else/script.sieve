# purpose: RFC 5228 3.2 example; discard together with a later fileinto
require "fileinto";
if header :contains "from" "coyote" {
    discard;
} elsif header :contains ["subject"] ["$$$"] {
    discard;
} else {
    fileinto "INBOX";
}
if header :contains "subject" "$$$" { fileinto "dollar-seen"; }
