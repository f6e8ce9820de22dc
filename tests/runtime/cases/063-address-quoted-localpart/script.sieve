# purpose: quoted local part: with or without quotes?
require ["fileinto", "variables"];
if address :matches :localpart "From" "*" { fileinto "lp=${1}"; }
if address :matches :all "From" "*" { fileinto "all=${1}"; }
if address :is :localpart "From" "john doe" {
  fileinto "is-quoted-yes";
} else {
  fileinto "is-quoted-no";
}
