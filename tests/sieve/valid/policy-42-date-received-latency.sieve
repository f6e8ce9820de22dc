# Policy: compare Date vs. Received timestamps (index + date)
require ["date", "index", "relational", "variables", "editheader"];

if date :index 1 :matches "received" "date" "*" {
    set "recv_date" "${1}";
}
if date :matches "date" "date" "*" {
    set "sent_date" "${1}";
}
if not string :is "${recv_date}" "${sent_date}" {
    addheader "X-Delivery-Lag" "sent ${sent_date}, received ${recv_date}";
}
