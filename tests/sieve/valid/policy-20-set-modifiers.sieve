# Policy: normalise values with set modifiers
require ["variables", "fileinto", "editheader", "mailbox",
         "relational", "comparator-i;ascii-numeric"];

if address :domain :matches "From" "*" {
    set :lower "sender_domain" "${1}";
    set :upperfirst "label" "${sender_domain}";
    set :length "len" "${sender_domain}";
    set :quotewildcard "safe" "${sender_domain}";
}
if string :value "gt" :comparator "i;ascii-numeric" "${len}" "40" {
    addheader "X-Long-Domain" "${len}";
}
if header :matches "List-Id" "*${safe}*" {
    fileinto :create "Lists/${label}";
}
