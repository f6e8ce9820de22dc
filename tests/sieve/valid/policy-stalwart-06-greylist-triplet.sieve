# Stalwart-style policy: build a greylisting triplet in a variable
require ["variables", "envelope", "reject"];

set "triplet" "${env.remote_ip}.${envelope.from}.${envelope.to}";
set :lower "triplet" "${triplet}";
if string :matches "${triplet}" "203.0.113.*" {
    reject "451 4.7.1 Greylisted, please try again later.";
}
