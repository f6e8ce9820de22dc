require ["fileinto", "subaddress", "variables"];
if address :matches :user "To" "*" { fileinto "user=${1}"; }
if address :matches :detail "To" "*" { fileinto "detail=${1}"; }
