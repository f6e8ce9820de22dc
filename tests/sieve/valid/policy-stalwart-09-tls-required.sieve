# Stalwart-style policy: partner domain must arrive over TLS 1.2+
require ["variables", "envelope", "reject"];

if envelope :domain :is "from" "partner.example.net" {
    if string :is "${env.tls.version}" ["", "TLSv1", "TLSv1.1"] {
        reject "530 5.7.0 Must issue a STARTTLS command first (TLS 1.2+).";
    }
}
