# RFC 5228 section 5.1 (Test address)
if address :is :all "from" "tim@example.com" {
    discard;
}
