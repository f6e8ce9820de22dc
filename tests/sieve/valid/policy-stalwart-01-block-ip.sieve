# Stalwart-style policy (connect stage): refuse a known-bad client IP.
# Uses Stalwart's "env." variable namespace with only "variables".
require ["variables", "reject"];

if string "${env.remote_ip}" "10.0.0.88" {
    reject "Your IP '${env.remote_ip}' is not welcomed here.";
}
