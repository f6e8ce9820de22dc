# purpose: host/domain/remote-* omitted: host-dependent or unset in sieve-test
require ["environment", "variables", "fileinto"];
if environment :matches "name" "*" { fileinto "name=${1}"; }
if environment :matches "version" "*" { fileinto "version=${1}"; }
if environment :matches "location" "*" { fileinto "location=${1}"; }
if environment :matches "phase" "*" { fileinto "phase=${1}"; }
if environment :matches "no-such-item" "*" {
  fileinto "unknown-item-yes";
} else {
  fileinto "unknown-item-no";
}
