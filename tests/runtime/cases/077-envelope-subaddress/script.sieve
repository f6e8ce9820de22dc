require ["fileinto", "envelope", "subaddress", "variables"];
if envelope :matches :detail "to" "*" { fileinto "detail=${1}"; }
if envelope :matches :user "to" "*" { fileinto "user=${1}"; }
