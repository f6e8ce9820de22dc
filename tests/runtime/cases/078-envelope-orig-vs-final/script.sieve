# purpose: sieve-test -a (original recipient) vs -r (final recipient): which one is envelope to?
require ["fileinto", "envelope", "variables"];
if envelope :matches "to" "*" { fileinto "to=${1}"; }
