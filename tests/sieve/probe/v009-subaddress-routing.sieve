require ["fileinto", "subaddress", "envelope", "variables"];
if envelope :detail :matches "to" "*" {
  if string :is "${1}" "" { keep; }
  else { fileinto "plus/${1}"; }
}
if address :user :is "to" "sales" { fileinto "Sales"; }
