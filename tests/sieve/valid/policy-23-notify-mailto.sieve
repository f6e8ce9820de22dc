# Policy: notify the security team about messages with DMARC failures
require ["enotify", "variables"];

if header :contains "Authentication-Results" "dmarc=fail" {
    if header :matches "From" "*" { set "from" "${1}"; }
    if header :matches "Subject" "*" { set "subject" "${1}"; }
    set :encodeurl "body" "DMARC failure from ${from}: ${subject}";
    notify :importance "1"
           :message "DMARC failure: ${from}"
           "mailto:security@example.com?subject=DMARC%20alert&body=${body}";
}
