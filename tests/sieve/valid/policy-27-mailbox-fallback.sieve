# Policy: file into team folders only if they exist
require ["fileinto", "mailbox", "envelope", "subaddress", "variables"];

if envelope :detail :matches "to" "team-*" {
    set "team" "${1}";
    if mailboxexists "Teams/${team}" {
        fileinto "Teams/${team}";
    } else {
        fileinto :create "Teams/unknown";
    }
}
