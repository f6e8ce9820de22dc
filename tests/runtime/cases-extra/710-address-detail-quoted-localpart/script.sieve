# purpose: :detail/:user on a quoted local part containing '+' and spaces
require ["fileinto", "subaddress", "variables"];
if address :detail :matches "To" "*" { fileinto "det=${1}"; }
if address :user :matches "To" "*" { fileinto "user=${1}"; }
if address :localpart :matches "To" "*" { fileinto "lp=${1}"; }
