# purpose: RFC 7352 style example with :header, :last, :uniqueid and notify
require ["variables", "duplicate", "enotify"];

if header :matches "from" "*" {
  set "from" "${1}";
}

if duplicate :header "from" :seconds 1800 {
  discard;
} elsif not duplicate :last :seconds 1800 :uniqueid "${from}" {
  notify :message "[SIEVE] ${from}" "mailto:alm@example.com";
}
