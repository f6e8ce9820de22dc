# RFC 5703 section 6 (Action enclose) with :headers, usage completed
require ["enclose", "variables"];

if header :matches "Subject" "*" {
    set "subj" "${1}";
}
enclose :subject "Quarantined: ${subj}"
        :headers ["From", "To", "Date", "Subject"]
        "This message was quarantined and is attached.";
