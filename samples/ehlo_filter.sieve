# Stage: ehlo. Refuse clients that greet with our own name or a bare IP literal.
require ["variables", "reject", "regex"];

if string :is "${env.helo_domain}" ["mx.example.org", "localhost"] {
    reject "550 5.7.1 You are not me.";
}
if string :regex "${env.helo_domain}" "^\\[?[0-9.]+\\]?$" {
    reject "Please greet with your host name, not an address.";
}
