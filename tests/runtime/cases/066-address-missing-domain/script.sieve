require ["fileinto", "variables"];
if address :matches :all "To" "*" { fileinto "all=${1}"; }
if address :matches :localpart "To" "*" { fileinto "lp=${1}"; }
if address :matches :domain "To" "*" { fileinto "dom=${1}"; }
if address :is "To" "bob" {
  fileinto "is-bare-yes";
} else {
  fileinto "is-bare-no";
}
