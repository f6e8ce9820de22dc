require ["fileinto", "variables"];
if address :matches :domain "From" "*" { fileinto "dom=${1}"; }
if address :is :localpart "From" "jürgen" {
  fileinto "utf8-local-yes";
} else {
  fileinto "utf8-local-no";
}
