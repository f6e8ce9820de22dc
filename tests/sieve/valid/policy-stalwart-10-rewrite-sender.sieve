# Stalwart-style policy: rewrite the envelope sender of a legacy
# application and record the original value in a header
require ["variables", "envelope", "editheader"];

if allof (string :is "${env.remote_ip}" "192.0.2.10",
          envelope :localpart :is "from" "root") {
    set "orig" "${envelope.from}";
    set "envelope.from" "noreply@example.com";
    addheader "X-Original-Envelope-From" "${orig}";
}
