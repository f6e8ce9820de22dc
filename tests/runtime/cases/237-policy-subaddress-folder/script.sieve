require ["fileinto", "envelope", "subaddress", "variables"];
if envelope :matches :detail "to" "*" { if string :is "${1}" "" { keep; } else { set :lower "d" "${1}"; fileinto "plus/${d}"; } }
