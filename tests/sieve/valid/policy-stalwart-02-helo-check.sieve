# Stalwart-style policy (EHLO stage): reject bogus HELO names
require ["variables", "reject"];

if anyof (string :is "${env.helo_domain}" ["localhost", "localhost.localdomain"],
          string :matches "${env.helo_domain}" ["*.local", "[*]"],
          not string :contains "${env.helo_domain}" ".") {
    reject "503 5.5.2 Invalid HELO '${env.helo_domain}' from ${env.remote_ip}.";
}
