# Stalwart-style policy (DATA stage): tag messages by authentication
# results exposed as env.spf.result / env.dmarc.result
require ["variables", "editheader"];

if string :is "${env.spf.result}" "fail" {
    addheader "X-Policy-SPF" "fail (client ${env.remote_ip})";
}
if allof (string :is "${env.dmarc.result}" "fail",
          string :is "${env.dmarc.policy}" "reject") {
    addheader "X-Policy-DMARC" "fail; p=reject";
}
