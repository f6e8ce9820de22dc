# Stalwart-style policy (MAIL FROM stage): authenticated users may
# only send as their own address
require ["variables", "envelope", "reject"];

if not string :is "${env.authenticated_as}" "" {
    if not string :is "${envelope.from}" "${env.authenticated_as}@example.com" {
        reject "553 5.7.1 ${env.authenticated_as} may not send as <${envelope.from}>.";
    }
}
