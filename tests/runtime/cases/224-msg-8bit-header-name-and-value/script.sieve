require ["fileinto", "variables"];
if header :matches "X-Raw" "*" { fileinto "raw=${1}"; }
if exists "X-After" {
  fileinto "nul-free-yes";
} else {
  fileinto "nul-free-no";
}
