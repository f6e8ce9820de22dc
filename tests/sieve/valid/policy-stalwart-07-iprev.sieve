# Stalwart-style policy: reverse DNS must exist and match HELO domain
require ["variables", "reject", "editheader"];

if string :is "${env.iprev.result}" ["fail", "permerror"] {
    reject "550 5.7.25 No reverse DNS for ${env.remote_ip}.";
} elsif not string :matches "${env.iprev.ptr}" "*${env.helo_domain}" {
    addheader "X-Policy-PTR" "${env.iprev.ptr} != ${env.helo_domain}";
}
