# Stalwart-style policy: unauthenticated clients outside the internal
# network may not use internal sender addresses
require ["variables", "envelope", "reject"];

if allof (string :is "${env.authenticated_as}" "",
          not string :matches "${env.remote_ip}" ["10.*", "192.168.*"],
          envelope :domain :is "from" "example.com") {
    reject "550 5.7.1 Unauthenticated use of internal sender <${envelope.from}>.";
}
