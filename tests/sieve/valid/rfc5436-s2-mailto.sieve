# RFC 5436 (mailto notification method): mailto URI with header
# fields and :from, constructed from the document's usage text
require ["enotify", "variables"];

if header :matches "Subject" "*" {
    set "subject" "${1}";
}
notify :from "sieve-notify@example.com"
       :importance "2"
       :message "New message: ${subject}"
       "mailto:alm@example.com?cc=backup@example.com&Importance=High";
