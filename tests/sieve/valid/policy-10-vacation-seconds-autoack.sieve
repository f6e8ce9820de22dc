# Policy: ticket auto-acknowledgement, at most one per sender per hour
require ["vacation", "vacation-seconds", "variables"];

if header :matches "Subject" "*" {
    set "subj" "${1}";
}
if not header :contains "Auto-Submitted" "auto-" {
    vacation :seconds 3600 :handle "ticket-ack"
             :subject "Received: ${subj}"
             :from "support@example.com"
             "Thank you, your request has been received.";
}
