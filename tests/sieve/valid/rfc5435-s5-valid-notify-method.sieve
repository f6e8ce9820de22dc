# RFC 5435 section 5 (Test valid_notify_method), usage completed
require ["enotify", "variables"];

if header :matches "X-Notify-To" "*" {
    set "uri" "${1}";
    if valid_notify_method "${uri}" {
        notify :from "sieve@example.com" :options ["x-opt=1"]
               :message "New mail" "${uri}";
    }
}
